import { api, query } from "../api.js";
import { h, replace, loading, errorPanel, empty, focusHeading } from "../dom.js";
import { navigate } from "../router.js";
import { poster } from "./poster.js";

function movieCard(movie) {
  const details = [movie.genre, movie.language, movie.release_date && movie.release_date.slice(0, 4)].filter(Boolean).join(" · ");
  return h(
    "li",
    { class: "movie-card" },
    h(
      "a",
      { href: `#/movies/${movie.id}`, class: "card-link" },
      poster(movie),
      h("span", { class: "movie-title" }, movie.title),
      h("span", { class: "muted small" }, details),
      movie.rating != null ? h("span", { class: "rating" }, h("span", { "aria-hidden": "true" }, "★ "), h("span", { class: "visually-hidden" }, "Rated "), Number(movie.rating).toFixed(1), h("span", { class: "visually-hidden" }, " out of 10")) : null,
    ),
  );
}

export function moviesPage(root, _params, params) {
  const term = (params.get("q") || "").trim();
  document.title = term ? `“${term}” · Marquee` : "Movies · Marquee";
  const input = h("input", { type: "search", name: "q", id: "movie-search", value: term, placeholder: "Title, genre, director, cast…", autocomplete: "off" });
  const form = h(
    "form",
    { class: "search", role: "search" },
    h("label", { for: "movie-search", class: "visually-hidden" }, "Search movies"),
    input,
    h("button", { class: "button primary", type: "submit" }, "Search"),
    term ? h("a", { class: "button", href: "#/movies" }, "Clear") : null,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = input.value.trim();
    navigate(value ? `/movies?q=${encodeURIComponent(value)}` : "/movies");
  });
  const results = h("div", { class: "results" }, loading());
  replace(root, h("div", { class: "page-head" }, h("h1", {}, term ? `Movies matching “${term}”` : "Now showing"), form), results);
  if (!term) focusHeading(root);

  const controller = new AbortController();
  const load = async () => {
    replace(results, loading());
    try {
      let movies;
      let summary = null;
      if (term) {
        const answer = await api.get(`/booking/search/${query({ query: term, indices: "movies", limit: 50 })}`, { signal: controller.signal });
        movies = answer.results.map((hit) => ({ ...hit, id: hit.id || hit._id }));
        summary = `${answer.total} ${answer.total === 1 ? "movie" : "movies"} found`;
      } else {
        movies = await api.get("/booking/movies/?limit=200", { signal: controller.signal });
      }
      if (!movies.length) {
        replace(results, empty(term ? `No movie matches “${term}”. Try another word or part of a title.` : "No movies are showing yet."));
        return;
      }
      replace(results, summary && h("p", { class: "muted", role: "status" }, summary), h("ul", { class: "movie-grid" }, movies.map(movieCard)));
    } catch (error) {
      if (error.name !== "AbortError") replace(results, errorPanel(error, load));
    }
  };
  load();
  return () => controller.abort();
}
