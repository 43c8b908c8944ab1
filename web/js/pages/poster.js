import { h } from "../dom.js";
import { hue } from "../format.js";

// A typographic poster in the movie's own colour. Poster URLs in the catalogue point at other hosts, which the
// gateway does not serve; drawing one keeps every page working offline and free of broken images.
export function poster(movie, size = "card") {
  const initials = movie.title
    .split(/\s+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word))
    .slice(0, 3)
    .map((word) => word[0].toUpperCase())
    .join("");
  return h(
    "div",
    { class: `poster ${size}`, style: `--poster-hue: ${hue(movie.title)}`, "aria-hidden": "true" },
    h("span", { class: "poster-initials" }, initials),
    movie.is_imax ? h("span", { class: "poster-tag" }, "IMAX") : null,
  );
}
