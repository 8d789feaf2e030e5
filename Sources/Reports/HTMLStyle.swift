/// The style sheet index.html carries inline (the page loads nothing: its Content Security
/// Policy forbids every fetch). Verdict colours: green holds, red fails, amber undecided.
enum HTMLStyle {
    static let css = """
    :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
      --holds: #116329; --holds-bg: #dafbe1; --fails: #a40e26; --fails-bg: #ffebe9;
      --undecided: #7d4e00; --undecided-bg: #fff8c5; }
    * { box-sizing: border-box; }
    html { background: #eef1f4; }
    body { margin: 0 auto; max-width: 1120px; padding: 28px 32px 48px; background: #fff; color: var(--fg);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
    h1 { font-size: 28px; margin: 0 0 6px; }
    h1 .paper { font-weight: 400; color: var(--muted); font-size: 20px; margin-left: 8px; }
    h2 { font-size: 21px; margin: 34px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
    h3 { font-size: 16px; margin: 22px 0 8px; }
    p { margin: 8px 0; }
    code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
    .headline { font-size: 16px; margin: 10px 0 0; }
    .badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 13px; font-weight: 600;
      letter-spacing: .02em; border: 1px solid currentColor; vertical-align: middle; white-space: nowrap; }
    .badge.holds { color: var(--holds); background: var(--holds-bg); }
    .badge.fails { color: var(--fails); background: var(--fails-bg); }
    .badge.undecided { color: var(--undecided); background: var(--undecided-bg); }
    .tag { display: inline-block; padding: 0 8px; border-radius: 4px; background: #eaeef2; color: #32383f;
      font-size: 12.5px; font-weight: 500; }
    .table-wrap { overflow-x: auto; margin: 8px 0 14px; }
    table { border-collapse: collapse; font-size: 14px; }
    th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap; }
    tbody tr:nth-child(even) td { background: #fbfcfd; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.value { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; white-space: nowrap; }
    td .why { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
    table.kv th { background: none; border-bottom: 1px solid var(--line); font-weight: 500; color: var(--muted); }
    table.summary td:first-child { border-left: 4px solid transparent; }
    table.summary tr.holds td:first-child { border-left-color: #2da44e; }
    table.summary tr.fails td:first-child { border-left-color: #cf222e; }
    table.summary tr.undecided td:first-child { border-left-color: #d4a72c; }
    table.summary a { color: inherit; text-decoration: none; }
    table.summary a:hover { text-decoration: underline; }
    tr.fails td { background: #fff5f5 !important; }
    tr.undecided td { background: #fffdf0 !important; }
    section.claim { margin-top: 40px; }
    section.claim > h2 { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
    .claim-no { color: var(--muted); }
    .meta { color: var(--muted); font-size: 14px; }
    .statement { font-size: 15.5px; }
    .formula { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px;
      margin: 12px 0 4px; overflow-x: auto; }
    math { font-family: "Latin Modern Math", "STIX Two Math", "Libertinus Math", "TeX Gyre Pagella Math",
      "Cambria Math", "DejaVu Math TeX Gyre", math; }
    math[display="block"] { font-size: 120%; margin: 4px 0; }
    details.latex { margin: 0 0 10px; font-size: 13px; }
    details.latex summary { color: var(--muted); cursor: pointer; }
    details.latex pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px;
      white-space: pre-wrap; word-break: break-word; margin: 6px 0 0; }
    ul { margin: 6px 0; padding-left: 22px; }
    .figures { display: flex; flex-wrap: wrap; gap: 16px; }
    figure.plot { margin: 8px 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff;
      flex: 0 1 518px; }
    figure.plot svg { display: block; max-width: 100%; height: auto; }
    figure.plot figcaption { font-size: 12px; color: var(--muted); }
    .notes li { margin: 3px 0; }
    .muted { color: var(--muted); }
    footer { margin-top: 44px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
    """
}
