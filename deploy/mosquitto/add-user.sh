#!/usr/bin/env bash
# Adds (or changes) a broker user: a device (username = device id) or the bridge (edgewasm-bridge).
#   deploy/mosquitto/add-user.sh /etc/mosquitto/edgewasm.passwd pi-1 'its-password'
# Then reload mosquitto (systemctl reload mosquitto) so it reads the password file again.
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 PASSWORD-FILE USERNAME PASSWORD" >&2
  exit 2
fi
file="$1" user="$2" password="$3"
if [[ ! "$user" =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ && "$user" != "edgewasm-bridge" ]]; then
  echo "add-user: '$user' is not a valid device id (lower-case letters, digits, '-' and '.')" >&2
  exit 2
fi
if [[ -f "$file" ]]; then
  mosquitto_passwd -b "$file" "$user" "$password"
else
  mosquitto_passwd -c -b "$file" "$user" "$password"
fi
