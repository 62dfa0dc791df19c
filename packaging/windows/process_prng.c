/* bcryptprimitives.dll for Wine 8, which lacks it (Windows 10 and 11 have it).
 *
 * Programs built with Rust 1.78 or later (python-calamine, which reads the
 * workbooks; cryptography, used by the tests) take their random numbers from
 * ProcessPrng in this DLL and fail to load without it. build_windows.py
 * compiles this into the Wine prefix only; the Windows program never ships it.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
