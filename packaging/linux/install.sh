#!/bin/sh
# Register RedCat Planner for this user: the menu entry, the .rcplan file type and the icons.
# Run it from the unpacked redcat-planner folder (it points the menu entry at the executable beside it):
#   ./install.sh            install or update
#   ./install.sh --remove   take the menu entry, file type and icons away again (the folder stays)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
exe="$here/redcat-planner"
name=redcat-planner
mime_icon=application-x-redcat-plan
sizes="16 24 32 48 64 128 256 512"

refresh() {
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$data/mime"; fi
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$data/applications"; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--remove" ]; then
    rm -f "$data/applications/$name.desktop" "$data/mime/packages/$name.xml" \
          "$data/icons/hicolor/scalable/apps/$name.svg" "$data/icons/hicolor/scalable/mimetypes/$mime_icon.svg"
    for size in $sizes; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/$name.png" \
              "$data/icons/hicolor/${size}x${size}/mimetypes/$mime_icon.png"
    done
    refresh
    echo "RedCat Planner removed from the menu ($data)"
    exit 0
fi

if [ ! -x "$exe" ] || [ ! -d "$here/desktop" ]; then
    echo "install.sh: run me from the redcat-planner folder (no $exe or $here/desktop)" >&2
    exit 1
fi

for size in $sizes; do
    for kind in apps mimetypes; do
        mkdir -p "$data/icons/hicolor/${size}x${size}/$kind"
    done
    cp "$here/desktop/$name-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$name.png"
    cp "$here/desktop/$name-$size.png" "$data/icons/hicolor/${size}x${size}/mimetypes/$mime_icon.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps" "$data/icons/hicolor/scalable/mimetypes" \
         "$data/mime/packages" "$data/applications"
cp "$here/desktop/$name.svg" "$data/icons/hicolor/scalable/apps/$name.svg"
cp "$here/desktop/$name.svg" "$data/icons/hicolor/scalable/mimetypes/$mime_icon.svg"
cp "$here/desktop/$name-mime.xml" "$data/mime/packages/$name.xml"

# The menu entry runs this folder's executable: Exec and TryExec get its absolute path.
while IFS= read -r line; do
    case $line in
        Exec=*) printf 'Exec="%s" %%f\n' "$exe" ;;
        TryExec=*) printf 'TryExec=%s\n' "$exe" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$here/desktop/$name.desktop" > "$data/applications/$name.desktop"

refresh
echo "RedCat Planner added to the menu: $data/applications/$name.desktop -> $exe"
