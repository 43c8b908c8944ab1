import { api } from "../api.js";
import { h, replace, loading, loader, empty, toast, focusHeading } from "../dom.js";
import { capitalize, formatDateTime, formatMoney } from "../format.js";
import { confirmButton } from "./confirm.js";

function bookingCard(booking, highlight, reload) {
  const seats = booking.booking_seats.map((s) => s.seat_number);
  const started = new Date(booking.showing.show_start_datetime) <= new Date();
  const cancel = async () => {
    try {
      await api.post(`/booking/bookings/${booking.id}/cancel`, {});
      toast(`Booking ${booking.booking_number} cancelled; its seats are free again.`, "success");
      await reload();
    } catch (error) {
      toast(error.detail, "error");
    }
  };
  return h(
    "li",
    { class: `panel booking${highlight ? " highlight" : ""}`, dataset: { bookingId: booking.id, status: booking.status } },
    h(
      "div",
      { class: "booking-main" },
      h("h2", { class: "h3" }, h("a", { href: `#/showings/${booking.showing_id}` }, booking.showing.movie.title)),
      h("p", { class: "muted" }, `${booking.showing.theater.name}, ${booking.showing.theater.city} · ${formatDateTime(booking.showing.show_start_datetime)}`),
      h("p", {}, `Seats ${seats.join(", ")} · `, h("strong", {}, formatMoney(booking.total_price))),
      h("p", { class: "muted small" }, `Booking ${booking.booking_number}`),
    ),
    h(
      "div",
      { class: "booking-side" },
      h("span", { class: `badge status-${booking.status}` }, capitalize(booking.status)),
      booking.status === "confirmed" && !started ? confirmButton("Cancel", "Cancel this booking?", cancel, { confirmLabel: "Cancel booking" }) : null,
    ),
  );
}

export function bookingsPage(root, _params, params) {
  document.title = "My bookings · Marquee";
  const highlight = params.get("new");
  const list = h("div", {}, loading());
  replace(root, h("div", { class: "page-head" }, h("h1", {}, "My bookings")), list);
  focusHeading(root);
  const controller = new AbortController();
  const load = loader(
    list,
    controller.signal,
    (signal) => api.get("/booking/bookings/?limit=100", { signal }),
    (bookings) =>
      bookings.length
        ? replace(list, h("ul", { class: "stack" }, bookings.map((b) => bookingCard(b, b.id === highlight, load))))
        : replace(list, empty("You have no bookings yet.", h("a", { class: "button primary", href: "#/movies" }, "Find a movie"))),
  );
  load();
  return () => controller.abort();
}
