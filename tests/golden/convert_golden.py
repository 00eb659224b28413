#!/usr/bin/env python3
"""One-off: turns tests/golden/NAME.{args,stdin,stdout,stderr,rc} into NAME.test.

Usage: convert_golden.py tests/golden [--side-ics]
The iCalendar outputs (CRLF) stay side files, renamed NAME.ics, referenced as "> @NAME.ics".
"""
import pathlib, re, shlex, sys

RESERVED = re.compile(rb"^(<|>|>2)( @.*)?$|^\\ No newline at end of file$")
NO_EOL = b"\\ No newline at end of file\n"


def section(header, data):
    for line in data.split(b"\n"):
        if RESERVED.match(line):
            raise SystemExit(f"reserved line {line!r}")
    out = header + b"\n" + data
    if not data.endswith(b"\n"):
        out += b"\n" + NO_EOL
    return out


def main():
    folder = pathlib.Path(sys.argv[1])
    for args_file in sorted(folder.glob("*.args")):
        stem = args_file.stem
        # file(STRINGS) and the unquoted ${golden_args} dropped empty lines: so do we.
        args = [a for a in args_file.read_bytes().decode().split("\n") if a != ""]
        out = b"$ " + " ".join(["rkplan"] + [shlex.quote(a) for a in args]).encode() + b"\n"
        stdin = folder / f"{stem}.stdin"
        if stdin.exists():
            out += section(b"<", stdin.read_bytes())
        stdout = (folder / f"{stem}.stdout").read_bytes()
        if b"\r" in stdout:
            side = folder / f"{stem}.ics"
            side.write_bytes(stdout)
            out += f"> @{side.name}\n".encode()
        elif stdout:
            out += section(b">", stdout)
        stderr = (folder / f"{stem}.stderr").read_bytes()
        if b"\r" in stderr:
            raise SystemExit(f"{stem}: CR in stderr")
        if stderr:
            out += section(b">2", stderr)
        rc = (folder / f"{stem}.rc").read_text().strip()
        assert re.fullmatch(r"-?[0-9]+", rc), stem
        out += f">= {rc}\n".encode()
        (folder / f"{stem}.test").write_bytes(out)
        print(stem)


main()
