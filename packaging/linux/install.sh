#!/bin/sh
# 把本文件夹中的“权责清单管理”加入开始菜单和桌面（银河麒麟、统信 UOS 等 Linux 桌面）。
# 用法：在程序文件夹中运行  sh install.sh        （只为当前用户安装）
#       以 root 运行                              （为本机所有用户安装）
#       sh install.sh --remove                    （从开始菜单和桌面移除，不删除程序和数据）
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
  apps=/usr/share/applications
else
  apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
fi
desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/桌面")
entry=quanze.desktop

if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/$entry" "$desktop/$entry"
  echo "已从开始菜单和桌面移除“权责清单管理”。程序文件夹和数据没有改动。"
  exit 0
fi

chmod +x "$here/quanze" "$here/quanze-cli"
mkdir -p "$apps"
cat > "$apps/$entry" <<DESKTOP
[Desktop Entry]
Type=Application
Name=权责清单管理
Name[zh_CN]=权责清单管理
Comment=行政权力事项、事中事后监管措施、通知与附件表格
Exec="$here/quanze"
Path=$here
Icon=$here/_internal/resources/icons/quanze.png
Terminal=false
Categories=Office;
StartupWMClass=quanze
DESKTOP
chmod +x "$apps/$entry"
if [ -d "$desktop" ] && [ "$(id -u)" != 0 ]; then
  cp "$apps/$entry" "$desktop/$entry"
  chmod +x "$desktop/$entry"
fi
echo "已加入开始菜单：$apps/$entry"
