import { api } from "../api.js";
import { h, replace, loading, errorPanel, toast, focusHeading } from "../dom.js";
import { capitalize, formatDateTime, formatMoney, formatTime } from "../format.js";
import { navigate } from "../router.js";
import { session } from "../session.js";

const refreshEvery = 2500;

function stateOf(entry, me) {
  if (entry.state === "booked") return "booked";
  if (entry.state === "held") return entry.held_by === me ? "mine" : "taken";
  return "free";
}

const describe = { free: "free", mine: "held by you", taken: "held by someone else", booked: "booked" };
// A sign on each state besides its colour (also drawn in forced-colours mode, where colours are the system's).
const mark = { free: "", mine: "✓", taken: "–", booked: "✕" };
const rowJump = 5;

// The seat map is one WAI-ARIA grid: a single Tab stop (the roving tabindex sits on the last seat focused), arrow keys
// move seat by seat, Home/End to the ends of a row, Ctrl+Home/End to the first and last seat, PageUp/PageDown five
// rows; Enter or Space holds or releases (the seat's own button). The grid is built once per visit and its seats are
// updated in place at every refresh, so focus never leaves the seat it is on.
export function seatMapPage(root, { id }) {
  replace(root, loading());
  let showing = null;
  let entries = [];
  let busy = false;
  let booking = false;
  let timer = null;
  let stopped = false;
  const controller = new AbortController();
  const me = () => (session.user ? session.user.id : null);

  const grid = h("div", { class: "seat-grid", role: "grid", "aria-label": "Seats (the screen is above the first row)" });
  const details = h("div", {});
  const bookButton = h("button", { type: "button", class: "button primary", disabled: true }, "Book");
  const summary = h("div", { class: "seat-summary" }, h("h2", {}, "Your seats"), details, bookButton);
  const announcer = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const status = h("p", { class: "muted small refresh-note" });
  const buttons = new Map(); // seat id -> button
  let layout = []; // rows of buttons, in order
  let active = null; // the seat id holding the grid's Tab stop

  const mine = () => entries.filter((e) => stateOf(e, me()) === "mine");
  const totalOf = (held) => held.reduce((sum, e) => sum + Math.round(Number(e.price || 0) * 100), 0) / 100;
  const seatName = (entry) => `Row ${entry.seat.row} seat ${entry.seat.column}`;

  function announce(text) {
    // Cleared first, so the same sentence twice is still spoken.
    announcer.textContent = "";
    setTimeout(() => (announcer.textContent = text), 50);
  }

  function drawSummary() {
    const held = mine();
    const total = totalOf(held);
    const expiry = held.map((e) => e.hold_expires_at).filter(Boolean).sort()[0];
    replace(
      details,
      held.length
        ? [
            h("p", { class: "seat-list" }, held.map((e) => e.seat.seat_number).join(", ")),
            h("p", { class: "total" }, "Total ", h("strong", { "data-total": total }, formatMoney(total))),
            expiry ? h("p", { class: "muted small" }, `Held for you until ${formatTime(expiry)}`) : null,
          ]
        : h("p", { class: "muted" }, "Pick free seats on the map to hold them."),
    );
    // The button stays in the page between refreshes (re-inserting it would drop its focus); while booking it is
    // aria-disabled rather than disabled, for the same reason.
    bookButton.disabled = !held.length;
    bookButton.setAttribute("aria-disabled", String(booking));
    bookButton.textContent = booking ? "Booking…" : held.length ? `Book ${held.length} ${held.length === 1 ? "seat" : "seats"}` : "Book";
  }

  function labelOf(entry, state) {
    const type = entry.seat.seat_type && entry.seat.seat_type !== "standard" ? `, ${entry.seat.seat_type}` : "";
    return `${seatName(entry)}, ${describe[state]}${type}${entry.price != null ? `, ${formatMoney(entry.price)}` : ""}`;
  }

  function buildGrid() {
    const rows = new Map();
    for (const entry of entries) {
      if (!rows.has(entry.seat.row)) rows.set(entry.seat.row, []);
      rows.get(entry.seat.row).push(entry);
    }
    buttons.clear();
    layout = [];
    replace(
      grid,
      [...rows.entries()].map(([row, seats]) => {
        const line = [];
        layout.push(line);
        return h(
          "div",
          { class: "seat-row", role: "row" },
          h("span", { class: "row-label", role: "rowheader" }, h("span", { class: "visually-hidden" }, "Row "), row),
          seats.map((entry) => {
            const button = h(
              "button",
              { type: "button", tabindex: "-1", dataset: { seatId: entry.seat.id, seat: entry.seat.seat_number }, onclick: () => toggle(entry.seat.id) },
              h("span", { class: "seat-number", "aria-hidden": "true" }, entry.seat.column),
            );
            buttons.set(entry.seat.id, button);
            line.push(button);
            return h("span", { role: "gridcell", class: "seat-cell" }, button);
          }),
        );
      }),
    );
    if (!active || !buttons.has(active)) {
      const first = entries.find((e) => stateOf(e, me()) === "free") || entries[0];
      active = first ? first.seat.id : null;
    }
  }

  function updateGrid() {
    const known = entries.every((e) => buttons.has(e.seat.id)) && entries.length === buttons.size;
    if (!known) buildGrid();
    for (const entry of entries) {
      const button = buttons.get(entry.seat.id);
      const state = stateOf(entry, me());
      const label = labelOf(entry, state);
      button.className = `seat ${state} ${entry.seat.seat_type}`;
      button.dataset.state = state;
      button.dataset.mark = mark[state];
      if (button.getAttribute("aria-label") !== label) {
        button.setAttribute("aria-label", label);
        button.title = label;
      }
      // Taken and booked seats stay focusable (so the arrows walk the whole map and each seat says what it is), but
      // cannot be pressed.
      button.setAttribute("aria-disabled", String(state === "booked" || state === "taken"));
      button.setAttribute("aria-pressed", String(state === "mine"));
      button.tabIndex = entry.seat.id === active ? 0 : -1;
    }
    grid.setAttribute("aria-busy", String(busy));
  }

  function focusSeat(button) {
    if (!button) return;
    active = button.dataset.seatId;
    for (const other of buttons.values()) other.tabIndex = other === button ? 0 : -1;
    button.focus();
  }

  grid.addEventListener("focusin", (event) => {
    const button = event.target.closest("button[data-seat-id]");
    if (button && button.dataset.seatId !== active) focusSeat(button);
  });

  grid.addEventListener("keydown", (event) => {
    const button = event.target.closest("button[data-seat-id]");
    if (!button) return;
    const r = layout.findIndex((line) => line.includes(button));
    const c = layout[r].indexOf(button);
    // Up and down keep the seat's place across rows of different lengths (nearest by position in the row).
    const sameColumn = (row) => {
      const line = layout[Math.max(0, Math.min(layout.length - 1, row))];
      return line[Math.min(line.length - 1, Math.round((c / Math.max(1, layout[r].length - 1)) * (line.length - 1)))];
    };
    const target = {
      ArrowRight: () => layout[r][c + 1],
      ArrowLeft: () => layout[r][c - 1],
      ArrowDown: () => (r + 1 < layout.length ? sameColumn(r + 1) : null),
      ArrowUp: () => (r > 0 ? sameColumn(r - 1) : null),
      PageDown: () => sameColumn(r + rowJump),
      PageUp: () => sameColumn(r - rowJump),
      Home: () => (event.ctrlKey ? layout[0][0] : layout[r][0]),
      End: () => (event.ctrlKey ? layout.at(-1).at(-1) : layout[r].at(-1)),
    }[event.key];
    if (!target) return;
    event.preventDefault();
    focusSeat(target());
  });

  function draw() {
    updateGrid();
    drawSummary();
    status.textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes by itself`;
  }

  async function refresh() {
    const map = await api.get(`/booking/booking_seats/${encodeURIComponent(id)}/map`, { signal: controller.signal });
    entries = map;
    draw();
  }

  async function toggle(seatId) {
    const entry = entries.find((e) => e.seat.id === seatId);
    if (busy || !entry) return;
    const state = stateOf(entry, me());
    if (state === "taken" || state === "booked") {
      announce(`${seatName(entry)} is ${describe[state]}.`);
      return;
    }
    const holding = state === "mine";
    busy = true;
    grid.setAttribute("aria-busy", "true");
    let ok = false;
    try {
      await api.post("/booking/booking_seats/lock", { showing_id: id, seat_id: entry.seat.id, lock_seat: !holding });
      ok = true;
    } catch (error) {
      if (error.name === "AbortError") return;
      toast(error.status === 409 ? `Seat ${entry.seat.seat_number} was just taken by someone else.` : error.detail, "error");
    } finally {
      busy = false;
    }
    try {
      await refresh();
    } catch (error) {
      if (error.name !== "AbortError") toast(error.detail, "error");
    }
    if (ok) {
      const held = mine();
      const count = `${held.length} ${held.length === 1 ? "seat" : "seats"} held, total ${formatMoney(totalOf(held))}`;
      announce(`${holding ? "Released" : "Held"} ${seatName(entry)}. ${count}.`);
    }
  }

  bookButton.addEventListener("click", async () => {
    const held = mine();
    if (!held.length || booking) return;
    booking = true;
    drawSummary();
    announce(`Booking ${held.length} ${held.length === 1 ? "seat" : "seats"}…`);
    const total = totalOf(held);
    try {
      const made = await api.post("/booking/bookings/", { showing_id: id, seats_ids: held.map((e) => e.seat.id), total_price: total });
      toast(`Booked ${made.booking_seats.map((s) => s.seat_number).join(", ")} · ${made.booking_number}`, "success");
      navigate(`/bookings?new=${encodeURIComponent(made.id)}`);
    } catch (error) {
      if (error.name === "AbortError") return;
      let message = error.detail;
      const lost = error.body && error.body.unavailable_seats;
      if (lost && lost.length) {
        const names = entries.filter((e) => lost.includes(e.seat.id)).map((e) => e.seat.seat_number);
        message = `Not booked: ${names.join(", ")} ${names.length === 1 ? "is" : "are"} no longer available.`;
      }
      toast(message, "error");
      booking = false;
      await refresh().catch(() => {});
    }
  });

  function schedule() {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(async () => {
      if (!document.hidden && !busy && !booking) {
        try {
          await refresh();
        } catch (error) {
          if (error.name !== "AbortError") status.textContent = `Could not refresh: ${error.detail}`;
        }
      }
      schedule();
    }, refreshEvery);
  }

  const load = async () => {
    replace(root, loading());
    try {
      [showing, entries] = await Promise.all([
        api.get(`/booking/showings/${encodeURIComponent(id)}`, { signal: controller.signal }),
        api.get(`/booking/booking_seats/${encodeURIComponent(id)}/map`, { signal: controller.signal }),
      ]);
      document.title = `Seats · ${showing.movie.title} · Marquee`;
      const prices = Object.entries(showing.prices || {}).map(([type, price]) => h("li", {}, h("span", { class: `swatch ${type}` }), `${capitalize(type)} ${formatMoney(price)}`));
      replace(
        root,
        h("p", { class: "breadcrumb" }, h("a", { href: `#/movies/${showing.movie_id}` }, `← ${showing.movie.title}`)),
        h("div", { class: "page-head" }, h("h1", {}, showing.movie.title), h("p", { class: "muted" }, `${showing.theater.name}, ${showing.theater.city} · ${formatDateTime(showing.show_start_datetime)}`)),
        h(
          "div",
          { class: "seat-layout" },
          h(
            "section",
            { class: "panel seat-panel", "aria-label": "Seat map" },
            h("div", { class: "screen", "aria-hidden": "true" }, "Screen"),
            grid,
            h("p", { class: "muted small keys-help", id: "seat-keys" }, "Keyboard: Tab to the map, arrow keys to move, Enter or Space to hold or release a seat."),
            h(
              "ul",
              { class: "legend", "aria-label": "Legend" },
              h("li", {}, h("span", { class: "seat-key free", "data-mark": mark.free }), "Free"),
              h("li", {}, h("span", { class: "seat-key mine", "data-mark": mark.mine }), "Held by you"),
              h("li", {}, h("span", { class: "seat-key taken", "data-mark": mark.taken }), "Held by others"),
              h("li", {}, h("span", { class: "seat-key booked", "data-mark": mark.booked }), "Booked"),
            ),
            prices.length ? h("ul", { class: "legend prices" }, prices) : null,
            status,
          ),
          h("aside", { class: "panel" }, summary),
        ),
        announcer,
      );
      grid.setAttribute("aria-describedby", "seat-keys");
      draw();
      focusHeading(root);
      schedule();
    } catch (error) {
      if (error.name !== "AbortError") replace(root, errorPanel(error, load));
    }
  };
  const onVisible = () => {
    if (!document.hidden && !busy && entries.length) refresh().catch(() => {});
  };
  document.addEventListener("visibilitychange", onVisible);
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
    document.removeEventListener("visibilitychange", onVisible);
  };
}
