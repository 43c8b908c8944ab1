import { api } from "../api.js";
import { h, replace, loading, loader, empty, focusHeading } from "../dom.js";
import { hue } from "../format.js";

export function restaurantsPage(root) {
  document.title = "Food · Marquee";
  const list = h("div", {}, loading());
  replace(root, h("div", { class: "page-head" }, h("h1", {}, "Order food"), h("p", { class: "muted" }, "Dinner from the kitchens near your theater.")), list);
  focusHeading(root);
  const controller = new AbortController();
  const card = (r) =>
    h(
      "li",
      { class: "restaurant-card", style: `--poster-hue: ${hue(r.name)}` },
      h(
        "a",
        { href: `#/food/${r.id}`, class: "card-link" },
        h("span", { class: "restaurant-type" }, r.restaurant_type),
        h("span", { class: "restaurant-name" }, r.name),
        r.description ? h("span", { class: "muted small" }, r.description) : null,
        h("span", { class: "muted small" }, r.address),
      ),
    );
  const load = loader(
    list,
    controller.signal,
    (signal) => api.get("/food/restaurants/?limit=200", { signal }),
    (restaurants) =>
      restaurants.length
        ? replace(list, h("ul", { class: "restaurant-grid" }, restaurants.sort((a, b) => a.name.localeCompare(b.name)).map(card)))
        : replace(list, empty("No restaurants are taking orders yet.")),
  );
  load();
  return () => controller.abort();
}
