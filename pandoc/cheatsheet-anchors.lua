-- SPDX-License-Identifier: GPL-2.0
-- pandoc filter for the cheat-sheet's standalone forms (scripts/cheatsheet.sh).
--
-- 1. The rst source marks each hazard row with an explicit target
--    (".. _hazard-foo:"), which pandoc reads as a Div around the cell's
--    first paragraph.  A Div in a table cell makes the Markdown writer fall
--    back to an HTML table, so the Div is unwrapped and the anchor kept as
--    an empty inline <a id> at the start of the paragraph (HTML and
--    Markdown; the man writer has no anchors).
-- 2. Relative links ("inlining.html") point at the site's pages; they are
--    prefixed with the metadata value cheatsheet-base.  The man page
--    prints each link as "text (target)".
-- 3. The man page gets the NAME and DESCRIPTION sections man(7) expects,
--    and the table becomes one subsection per hazard: five columns do not
--    fit an 80-column terminal.

local base = ""

local function get_base(meta)
  if meta["cheatsheet-base"] then
    base = pandoc.utils.stringify(meta["cheatsheet-base"])
  end
end

local function html_like()
  return FORMAT:match("html") or FORMAT:match("gfm") or
         FORMAT:match("markdown")
end

local function unwrap(div)
  local id = div.identifier
  if not id:match("^hazard%-") then
    return nil
  end
  local blocks = div.content
  if html_like() and #blocks > 0 and
     (blocks[1].t == "Para" or blocks[1].t == "Plain") then
    table.insert(blocks[1].content, 1,
                 pandoc.RawInline("html", '<a id="' .. id .. '"></a>'))
  end
  return blocks
end

local function relink(link)
  if not link.target:match("^[%a][%w+.-]*:") and
     not link.target:match("^#") and not link.target:match("^/") then
    link.target = base .. link.target
  end
  return link
end

local function man_table(tbl)
  if not FORMAT:match("man") then
    return nil
  end
  local simple = pandoc.utils.to_simple_table(tbl)
  local heads = {}
  for i, cell in ipairs(simple.headers) do
    heads[i] = pandoc.utils.stringify(cell)
  end
  local out = {}
  for _, row in ipairs(simple.rows) do
    local title = pandoc.utils.stringify(row[1])
    table.insert(out, pandoc.Header(2, title))
    for i = 2, #row do
      local inl = pandoc.List({ pandoc.Strong(heads[i] .. ":"), pandoc.Space() })
      for _, b in ipairs(row[i]) do
        -- A link keeps its text (a klp-build verdict is only there)
        -- and shows its target after it: man has no links.
        b = pandoc.walk_block(b, { Link = function(l)
          return pandoc.Str(pandoc.utils.stringify(l.content) ..
                            " (" .. l.target .. ")")
        end })
        if b.content then
          if #inl > 2 then
            inl:extend({ pandoc.Str(";"), pandoc.Space() })
          end
          inl:extend(b.content)
        end
      end
      table.insert(out, pandoc.Para(inl))
    end
  end
  return out
end

local function man_sections(doc)
  if not FORMAT:match("man") then
    return nil
  end
  local head = {
    pandoc.Header(1, "NAME"),
    pandoc.Para(pandoc.Inlines(
      "livepatch-cheatsheet - hazards a Linux live patch author must check")),
    pandoc.Header(1, "DESCRIPTION"),
  }
  for i = #head, 1, -1 do
    table.insert(doc.blocks, 1, head[i])
  end
  return doc
end

return {
  { Meta = get_base },
  { Div = unwrap, Link = relink },
  { Table = man_table, Pandoc = man_sections },
}
