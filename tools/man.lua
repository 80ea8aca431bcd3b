-- SPDX-License-Identifier: GPL-2.0
-- man.lua: pandoc filter that makes the manual of a tool in tools/
-- (klp-check.rst, klp-convert-lite.rst) a conventional man page:
-- level-1 titles in capitals (NAME, USAGE, ...); text set ragged right
-- (.ad l) and not hyphenated (.nh), so that long paths and identifiers
-- are never split and never leave troff a line it cannot justify (which
-- `man --warnings` reports).

function Header(h)
  if h.level == 1 then
    return pandoc.walk_block(h, {
      Str = function(s) return pandoc.Str(s.text:upper()) end,
      Code = function(c) return pandoc.Code(c.text:upper()) end,
    })
  end
end

function Pandoc(doc)
  table.insert(doc.blocks, 1, pandoc.RawBlock('man', '.ad l\n.nh'))
  return doc
end
