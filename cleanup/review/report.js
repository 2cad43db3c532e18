// cleanup review report: triage table, stage filter, decision details, jumps, scroll sync.
(() => {
  "use strict";
  const data = document.getElementById("edits");
  if (!data) return; // the index page shares the stylesheet, not the script's work
  const packed = JSON.parse(data.textContent);
  const edits = packed.edits.map(([stage, rule, lines, before, after, reason, confidence, line]) => ({
    stage, rule, lines, before, after: after === null ? before : after,
    reason: packed.reasons[reason], confidence, line,
  }));
  const raw = document.getElementById("raw");
  const clean = document.getElementById("clean");
  const detail = document.getElementById("detail");
  const lines = Array.from(raw.querySelectorAll(".ln"));
  const blocks = Array.from(clean.querySelectorAll(".blk"));

  // -- filter: one stage's highlights, or all --------------------------------------
  const buttons = Array.from(document.querySelectorAll(".filter"));
  function applyFilter(stage) {
    document.body.dataset.only = stage;
    for (const button of buttons) {
      button.classList.toggle("active", button.dataset.stage === stage);
    }
    for (const element of document.querySelectorAll(".hl")) {
      element.classList.toggle("off", stage !== "" && element.dataset.stage !== stage);
    }
    const select = document.getElementById("t-stage");
    if (select) select.value = Array.from(select.options).some((o) => o.value === stage) ? stage : "";
    filterTriage();
  }
  for (const button of buttons) {
    button.addEventListener("click", () => {
      const stage = button.dataset.stage;
      applyFilter(stage === document.body.dataset.only ? "" : stage);
    });
  }

  // -- triage: the doubtful decisions, sorted and filtered ---------------------------
  const triage = document.getElementById("triage");
  const rows = triage ? Array.from(triage.tBodies[0].rows) : [];
  function filterTriage() {
    if (!triage) return;
    const stage = document.getElementById("t-stage").value;
    const only = document.body.dataset.only; // the stage buttons' filter
    const rule = document.getElementById("t-rule").value;
    const most = Number(document.getElementById("t-max").value);
    let shown = 0;
    for (const row of rows) {
      const keep = (!stage || row.dataset.stage === stage)
        && (!only || row.dataset.stage === only)
        && (!rule || row.dataset.rule === rule)
        && !(Number(row.dataset.conf) > most);
      row.hidden = !keep;
      shown += keep;
    }
    document.getElementById("t-shown").textContent = `(${shown} shown)`;
  }
  function sortTriage(header) {
    const key = header.dataset.key;
    const number = header.dataset.type === "number";
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of triage.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const value = (row) => (number ? Number(row.dataset[key]) : row.dataset[key]);
    const ordered = rows.slice().sort((a, b) => {
      const x = value(a), y = value(b);
      const order = x < y ? -1 : x > y ? 1 : Number(a.dataset.line) - Number(b.dataset.line);
      return ascending ? order : -order;
    });
    triage.tBodies[0].append(...ordered);
  }
  if (triage) {
    for (const header of triage.tHead.rows[0].cells) {
      if (header.dataset.key) {
        header.querySelector("button").addEventListener("click", () => sortTriage(header));
      }
    }
    for (const id of ["t-stage", "t-rule", "t-max"]) {
      document.getElementById(id).addEventListener("input", filterTriage);
    }
    filterTriage();
  }

  // -- hover: a highlight's reasons, looked up when the pointer first reaches it -----
  document.addEventListener("mouseover", (event) => {
    const target = event.target.closest("[data-e]");
    if (!target || target.title) return;
    target.title = target.dataset.e.split(" ").filter(Boolean).map((id) => {
      const edit = edits[Number(id)];
      const confidence = edit.confidence < 1 ? ` (${edit.confidence.toFixed(2)})` : "";
      return `${edit.stage}/${edit.rule}${confidence}: ${edit.reason}`;
    }).join("\n");
  });

  // -- details of the decisions behind a highlight ---------------------------------
  function text(tag, className, content) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = content;
    return element;
  }
  function spans(list) {
    return list.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ");
  }
  function showDetail(ids) {
    detail.replaceChildren();
    const close = text("button", "close", "×");
    close.type = "button";
    close.title = "close";
    close.addEventListener("click", () => { detail.hidden = true; });
    detail.append(close);
    for (const id of ids) {
      const edit = edits[id];
      if (!edit) continue;
      const box = text("div", "decision", "");
      const confidence = edit.confidence < 1 ? ` · confidence ${edit.confidence.toFixed(2)}` : "";
      box.append(text("h3", "", `${edit.stage}/${edit.rule}${confidence}`));
      box.append(text("p", "", `raw lines ${spans(edit.lines)}`));
      box.append(text("p", "", `Why: ${edit.reason}`));
      box.append(text("pre", "before", edit.before || "(nothing)"));
      const after = edit.after === "" ? "(removed)" : edit.after === edit.before ? "(moved, unchanged)" : edit.after;
      box.append(text("pre", "after", after));
      detail.append(box);
    }
    detail.hidden = false;
  }
  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-e]");
    if (!target || target.classList.contains("off")) return;
    const ids = target.dataset.e.split(" ").filter(Boolean).map(Number);
    if (ids.length) showDetail(ids);
    if (target.classList.contains("jump")) {
      event.preventDefault();
      jumpTo(Number(target.dataset.line));
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") detail.hidden = true;
  });

  // -- jump to a raw line ------------------------------------------------------------
  function jumpTo(number) {
    const line = document.getElementById(`L${number}`);
    if (!line) return;
    raw.scrollTop = line.offsetTop - raw.clientHeight / 3;
    line.classList.remove("flash");
    void line.offsetWidth; // restart the animation
    line.classList.add("flash");
    history.replaceState(null, "", `#L${number}`);
  }
  // After the browser's own jump to the #L anchor, which would leave the line under
  // the pane's sticky title.
  window.addEventListener("load", () => {
    if (/^#L\d+$/.test(location.hash)) jumpTo(Number(location.hash.slice(2)));
  });

  // -- scroll sync by paragraph --------------------------------------------------------
  // The first element at or below a pane's top edge (binary search on offsetTop).
  function firstVisible(list, pane) {
    let lo = 0, hi = list.length - 1, found = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].offsetTop + list[mid].offsetHeight > pane.scrollTop) {
        found = mid; hi = mid - 1;
      } else {
        lo = mid + 1;
      }
    }
    return found;
  }
  // A scroll we caused is not followed back: each pane remembers the position we
  // gave it, and its next scroll event at that position is ours.
  const expected = new Map();
  function follow(source, target, align) {
    source.addEventListener("scroll", () => {
      const mine = expected.get(source);
      if (mine !== undefined) {
        expected.delete(source);
        if (Math.abs(source.scrollTop - mine) < 2) return;
      }
      const pair = align();
      if (!pair) return;
      const [from, to] = pair;
      const top = Math.max(0, to.offsetTop - (from.offsetTop - source.scrollTop));
      if (Math.abs(target.scrollTop - top) < 2) return;
      target.scrollTop = top;
      expected.set(target, target.scrollTop);
    }, { passive: true });
  }
  follow(raw, clean, () => {
    for (let i = firstVisible(lines, raw); i < lines.length; i++) {
      const block = lines[i].dataset.b;
      if (block !== undefined) return [lines[i], document.getElementById(`B${block}`)];
    }
    return null;
  });
  follow(clean, raw, () => {
    const block = blocks[firstVisible(blocks, clean)];
    const line = block && document.getElementById(`L${block.dataset.first}`);
    return line ? [block, line] : null;
  });
})();
