#!/usr/bin/env python3
"""Hostile .xlsx workbooks (Scripts/hostile, HostileInputTests), written byte by byte so
that the archive can lie about its sizes:

    python3 xlsx.py CASE PATH [MEGABYTES]

Cases:
  strings-bomb  shared strings inflating to MEGABYTES (default 600) whose zip headers
                declare 1,000 bytes: the workbook of issue 24 (1.7 MB, 2.5 GB of memory)
  sheet-bomb    a sheet part of MEGABYTES (default 600) of empty rows, declared 1,000 bytes
  truncated     a sheet whose deflate stream never ends: it runs on into the central
                directory and past the end of the file
  entities      a sheet whose DOCTYPE declares entities that expand a billionfold
  wide          a header of 300 columns, a cell in each
  long-cell     a person whose name cell holds 2 million characters (inline string)

Each is a real workbook otherwise: a persons sheet with a header row, which gongqin
would read. Only the standard library.
"""
import struct
import sys
import zlib

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = ["身份证号", "姓名", "单位", "工种", "参加工作时间"]


def cell(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def column(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def header_row(names=HEADER):
    return '<row r="1">' + "".join(cell(column(i) + "1", n) for i, n in enumerate(names)) + "</row>"


def sheet(rows, prolog=""):
    return '<?xml version="1.0" encoding="UTF-8"?>%s<worksheet %s><sheetData>%s</sheetData></worksheet>' % (prolog, NS, rows)


def parts(sheet_xml=None, strings=False):
    out = [
        ("[Content_Types].xml", b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
        ("_rels/.rels", ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % RELS).encode()),
        ("xl/workbook.xml", ('<?xml version="1.0" encoding="UTF-8"?><workbook %s xmlns:r="%s"><sheets><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, RELS)).encode()),
        ("xl/_rels/workbook.xml.rels", ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % RELS).encode()),
    ]
    if sheet_xml is not None:
        out.append(("xl/worksheets/sheet1.xml", sheet_xml.encode()))
    return out


class Entry:
    """A part: its deflate stream, its CRC and the uncompressed size its headers declare."""

    def __init__(self, name, raw, crc, declared):
        self.name, self.raw, self.crc, self.declared = name.encode(), raw, crc, declared


def deflated(name, data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = c.compress(data) + c.flush()
    return Entry(name, raw, zlib.crc32(data), len(data))


def streamed(name, opening, repeated, closing, megabytes):
    """A part of `megabytes` MB, deflated a chunk at a time, declared as 1,000 bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = repeated * max(1, (1 << 20) // len(repeated))
    raw, crc = [c.compress(opening)], zlib.crc32(opening)
    for _ in range(megabytes):
        raw.append(c.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    raw.append(c.compress(closing))
    crc = zlib.crc32(closing, crc)
    raw.append(c.flush())
    return Entry(name, b"".join(raw), crc, 1000)


def write(path, entries):
    out, central = bytearray(), bytearray()
    for e in entries:
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, 0, 0x21, e.crc & 0xFFFFFFFF,
                           len(e.raw), e.declared, len(e.name), 0) + e.name + e.raw
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, 0, 0x21, e.crc & 0xFFFFFFFF,
                               len(e.raw), e.declared, len(e.name), 0, 0, 0, 0, 0, offset) + e.name
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    open(path, "wb").write(out)


def main():
    case, path = sys.argv[1], sys.argv[2]
    megabytes = int(sys.argv[3]) if len(sys.argv) > 3 else 600
    if case == "strings-bomb":
        entries = [deflated(n, d) for n, d in parts()]
        rows = '<row r="1">' + "".join('<c r="%s1" t="s"><v>%d</v></c>' % (column(i), i) for i in range(len(HEADER))) + "</row>"
        entries.append(deflated("xl/worksheets/sheet1.xml", sheet(rows).encode()))
        opening = ('<?xml version="1.0" encoding="UTF-8"?><sst %s>' % NS).encode() + "".join("<si><t>%s</t></si>" % h for h in HEADER).encode()
        entries.append(streamed("xl/sharedStrings.xml", opening, b"<si><t>AAAAAAAAAA</t></si>", b"</sst>", megabytes))
    elif case == "sheet-bomb":
        entries = [deflated(n, d) for n, d in parts()]
        opening = ('<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s' % (NS, header_row())).encode()
        entries.append(streamed("xl/worksheets/sheet1.xml", opening, b'<row><c r="A2"/></row>', b"</sheetData></worksheet>", megabytes))
    elif case == "truncated":
        entries = [deflated(n, d) for n, d in parts()]
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = ('<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s' % (NS, header_row())).encode()
        # A sync flush ends byte-aligned; then a stored block, not the last, of 65,535
        # bytes: the central directory and the end of the file are read as its contents,
        # and the stream still wants more.
        raw = c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH) + b"\x00\xff\xff\x00\x00"
        entries.append(Entry("xl/worksheets/sheet1.xml", raw, zlib.crc32(data), 1000))
    elif case == "entities":
        doctype = '<!DOCTYPE worksheet [<!ENTITY a "AAAAAAAAAA">' + "".join(
            '<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + "]>"
        entries = [deflated(n, d) for n, d in parts(sheet(header_row() + '<row r="2">' + cell("A2", "&j;") + "</row>", doctype))]
    elif case == "wide":
        entries = [deflated(n, d) for n, d in parts(sheet(header_row(HEADER + ["备注%d" % i for i in range(295)])))]
    elif case == "long-cell":
        long_row = '<row r="2">' + cell("A2", "320402198003121235") + cell("B2", "长" * 2_000_000) + "</row>"
        entries = [deflated(n, d) for n, d in parts(sheet(header_row() + long_row))]
    else:
        sys.exit("unknown case " + case)
    write(path, entries)


if __name__ == "__main__":
    main()
