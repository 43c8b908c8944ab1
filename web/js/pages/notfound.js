import { h, replace } from "../dom.js";

export function notFoundPage(root) {
  replace(
    root,
    h("h1", {}, "Page not found"),
    h("div", { class: "panel empty" }, h("p", {}, "There is nothing at this address."), h("a", { class: "button", href: "#/movies" }, "Go to movies")),
  );
  document.title = "Not found · Marquee";
}
