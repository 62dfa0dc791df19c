"""The program: the `quanze` command, `python -m quanze` and the built executables start here.

It sits above both `app` (the GUI-free library and its command line) and `ui`
(the window), so that `app` never needs to import `ui`.
"""
