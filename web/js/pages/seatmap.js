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

  const grid = h("div", { class: "seat-grid", role: "group", "aria-label": "Seats" });
  const summary = h("div", { class: "seat-summary", "aria-live": "polite" });
  const bookButton = h("button", { type: "button", class: "button primary", disabled: true }, "Book");
  const status = h("p", { class: "muted small refresh-note" });

  const mine = () => entries.filter((e) => stateOf(e, me()) === "mine");

  function drawSummary() {
    const held = mine();
    const total = held.reduce((sum, e) => sum + Math.round(Number(e.price || 0) * 100), 0) / 100;
    const expiry = held.map((e) => e.hold_expires_at).filter(Boolean).sort()[0];
    replace(
      summary,
      h("h2", {}, "Your seats"),
      held.length
        ? [
            h("p", { class: "seat-list" }, held.map((e) => e.seat.seat_number).join(", ")),
            h("p", { class: "total" }, "Total ", h("strong", { "data-total": total }, formatMoney(total))),
            expiry ? h("p", { class: "muted small" }, `Held for you until ${formatTime(expiry)}`) : null,
          ]
        : h("p", { class: "muted" }, "Pick free seats on the map to hold them."),
      bookButton,
    );
    bookButton.disabled = !held.length || booking;
    bookButton.textContent = booking ? "Booking…" : held.length ? `Book ${held.length} ${held.length === 1 ? "seat" : "seats"}` : "Book";
  }

  function drawGrid() {
    const rows = new Map();
    for (const entry of entries) {
      if (!rows.has(entry.seat.row)) rows.set(entry.seat.row, []);
      rows.get(entry.seat.row).push(entry);
    }
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.seatId : null;
    replace(
      grid,
      h("div", { class: "screen", "aria-hidden": "true" }, "Screen"),
      [...rows.entries()].map(([row, seats]) =>
        h(
          "div",
          { class: "seat-row" },
          h("span", { class: "row-label", "aria-hidden": "true" }, row),
          seats.map((entry) => {
            const state = stateOf(entry, me());
            const label = `Seat ${entry.seat.seat_number}, ${entry.seat.seat_type}${entry.price != null ? `, ${formatMoney(entry.price)}` : ""}, ${describe[state]}`;
            return h(
              "button",
              {
                type: "button",
                class: `seat ${state} ${entry.seat.seat_type}`,
                "aria-label": label,
                title: label,
                "aria-pressed": state === "mine" ? "true" : "false",
                disabled: state === "booked" || state === "taken" || busy,
                dataset: { seatId: entry.seat.id, seat: entry.seat.seat_number, state },
                onclick: () => toggle(entry),
              },
              entry.seat.column,
            );
          }),
        ),
      ),
    );
    if (focused) {
      const again = grid.querySelector(`[data-seat-id="${focused}"]`);
      if (again && !again.disabled) again.focus();
    }
  }

  function draw() {
    drawGrid();
    drawSummary();
    status.textContent = `Updated ${new Date().toLocaleTimeString()} · refreshes by itself`;
  }

  async function refresh() {
    const map = await api.get(`/booking/booking_seats/${encodeURIComponent(id)}/map`, { signal: controller.signal });
    entries = map;
    draw();
  }

  async function toggle(entry) {
    if (busy) return;
    const holding = stateOf(entry, me()) === "mine";
    busy = true;
    drawGrid();
    try {
      await api.post("/booking/booking_seats/lock", { showing_id: id, seat_id: entry.seat.id, lock_seat: !holding });
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
  }

  bookButton.addEventListener("click", async () => {
    const held = mine();
    if (!held.length || booking) return;
    booking = true;
    drawSummary();
    const total = held.reduce((sum, e) => sum + Math.round(Number(e.price || 0) * 100), 0) / 100;
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
            grid,
            h(
              "ul",
              { class: "legend" },
              h("li", {}, h("span", { class: "seat-key free" }), "Free"),
              h("li", {}, h("span", { class: "seat-key mine" }), "Held by you"),
              h("li", {}, h("span", { class: "seat-key taken" }), "Held by others"),
              h("li", {}, h("span", { class: "seat-key booked" }), "Booked"),
            ),
            prices.length ? h("ul", { class: "legend prices" }, prices) : null,
            status,
          ),
          h("aside", { class: "panel" }, summary),
        ),
      );
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
