-- Starts the postgraduate extras of the report on a page of their own: a \clearpage before the first
-- section whose title contains "Extra de postgrado" (LaTeX output only; the Markdown stays plain).
local done = false

function Header(header)
  if not done and FORMAT:match("latex") and pandoc.utils.stringify(header.content):find("Extra de postgrado") then
    done = true
    return { pandoc.RawBlock("latex", "\\clearpage"), header }
  end
end
