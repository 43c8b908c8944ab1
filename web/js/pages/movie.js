import { api, query } from "../api.js";
import { h, replace, loading, errorPanel, empty, focusHeading } from "../dom.js";
import { formatDay, formatTime, localDate } from "../format.js";
import { poster } from "./poster.js";

function facts(movie) {
  const rows = [
    ["Genre", movie.genre],
    ["Director", movie.director],
    ["Language", movie.language],
    ["Runtime", movie.duration_minutes && `${Math.floor(movie.duration_minutes / 60)} h ${movie.duration_minutes % 60} min`],
    ["Released", movie.release_date],
    ["Rating", movie.rating != null && `${Number(movie.rating).toFixed(1)} / 10`],
    ["Cast", movie.cast && movie.cast.length && movie.cast.join(", ")],
  ].filter(([, value]) => value);
  return h("dl", { class: "facts" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

function showtimes(showings, theaterFilter, day) {
  const chosen = showings.filter((s) => localDate(s.show_start_datetime) === day && (!theaterFilter || s.theater_id === theaterFilter));
  if (!chosen.length) return empty("No showings on this day at this theater. Pick another day or theater.");
  const byTheater = new Map();
  for (const showing of chosen) {
    if (!byTheater.has(showing.theater_id)) byTheater.set(showing.theater_id, { theater: showing.theater, showings: [] });
    byTheater.get(showing.theater_id).showings.push(showing);
  }
  return h(
    "ul",
    { class: "theater-list" },
    [...byTheater.values()].map(({ theater, showings: list }) =>
      h(
        "li",
        { class: "panel theater" },
        h("h3", {}, theater.name, h("span", { class: "muted small" }, ` · ${theater.location}, ${theater.city}`)),
        h(
          "ul",
          { class: "times" },
          list.map((showing) =>
            h(
              "li",
              {},
              h(
                "a",
                {
                  class: `time${showing.available_seats === 0 ? " sold-out" : ""}`,
                  href: `#/showings/${showing.id}`,
                  "aria-label": `${formatTime(showing.show_start_datetime)} at ${theater.name}, ${showing.available_seats} seats free`,
                },
                h("span", {}, formatTime(showing.show_start_datetime)),
                h("span", { class: "small" }, showing.available_seats === 0 ? "Sold out" : `${showing.available_seats} free`),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export function moviePage(root, { id }) {
  replace(root, loading());
  const controller = new AbortController();
  const load = async () => {
    replace(root, loading());
    try {
      const [movie, showings] = await Promise.all([
        api.get(`/booking/movies/${encodeURIComponent(id)}`, { signal: controller.signal }),
        api.get(`/booking/showings/${query({ movie_id: id, limit: 1000 })}`, { signal: controller.signal }),
      ]);
      document.title = `${movie.title} · Marquee`;
      showings.sort((a, b) => a.show_start_datetime.localeCompare(b.show_start_datetime));
      const days = [...new Set(showings.map((s) => localDate(s.show_start_datetime)))];
      const theaters = [...new Map(showings.map((s) => [s.theater_id, s.theater])).values()].sort((a, b) => a.name.localeCompare(b.name));
      let day = days[0];
      let theaterFilter = "";
      const list = h("div", { class: "showings", "aria-live": "polite" });
      const dayButtons = days.map((d) => {
        const first = showings.find((s) => localDate(s.show_start_datetime) === d);
        return h("button", { type: "button", class: "chip", "aria-pressed": String(d === day), dataset: { day: d } }, formatDay(first.show_start_datetime));
      });
      const draw = () => {
        for (const button of dayButtons) button.setAttribute("aria-pressed", String(button.dataset.day === day));
        replace(list, showtimes(showings, theaterFilter, day));
      };
      for (const button of dayButtons) button.addEventListener("click", () => { day = button.dataset.day; draw(); });
      const select = h(
        "select",
        { id: "theater-filter" },
        h("option", { value: "" }, "All theaters"),
        theaters.map((t) => h("option", { value: t.id }, `${t.name}, ${t.city}`)),
      );
      select.addEventListener("change", () => { theaterFilter = select.value; draw(); });
      replace(
        root,
        h("p", { class: "breadcrumb" }, h("a", { href: "#/movies" }, "← All movies")),
        h(
          "article",
          { class: "movie" },
          poster(movie, "large"),
          h("div", { class: "movie-body" }, h("h1", {}, movie.title), movie.description ? h("p", { class: "lead" }, movie.description) : null, facts(movie)),
        ),
        h("h2", {}, "Showtimes"),
        showings.length
          ? [
              h(
                "div",
                { class: "filters" },
                h("div", { class: "chips", role: "group", "aria-label": "Day" }, dayButtons),
                h("div", { class: "field inline" }, h("label", { for: "theater-filter" }, "Theater"), select),
              ),
              list,
            ]
          : empty("No upcoming showings for this movie."),
      );
      if (showings.length) draw();
      focusHeading(root);
    } catch (error) {
      if (error.name !== "AbortError") replace(root, errorPanel(error, load));
    }
  };
  load();
  return () => controller.abort();
}
