import { api } from "../api.js";
import { cart } from "../cart.js";
import { h, replace, loading, errorPanel, empty, toast, focusHeading } from "../dom.js";
import { formatMoney } from "../format.js";
import { navigate } from "../router.js";

function cartPanel(restaurant, state) {
  const contents = cart.contents;
  const lines = contents ? Object.entries(contents.items) : [];
  const panel = h("aside", { class: "panel cart", "aria-labelledby": "cart-title" }, h("h2", { id: "cart-title" }, "Your order"));
  if (!lines.length) {
    panel.append(h("p", { class: "muted" }, "Add dishes from the menu."));
    return panel;
  }
  const elsewhere = contents.restaurantId !== restaurant.id;
  if (elsewhere) panel.append(h("p", { class: "muted small" }, `From ${contents.restaurantName}. `, h("a", { href: `#/food/${contents.restaurantId}` }, "Go there to order")));
  panel.append(
    h(
      "ul",
      { class: "cart-lines" },
      lines.map(([menuId, line]) =>
        h(
          "li",
          { dataset: { menuId } },
          h("span", { class: "cart-name" }, line.name),
          h(
            "span",
            { class: "stepper" },
            h("button", { type: "button", class: "icon-button", "aria-label": `One less ${line.name}`, onclick: () => cart.setQuantity(menuId, line.quantity - 1) }, "−"),
            h("span", { class: "quantity", "aria-label": `${line.quantity} × ${line.name}` }, line.quantity),
            h("button", { type: "button", class: "icon-button", "aria-label": `One more ${line.name}`, onclick: () => cart.setQuantity(menuId, line.quantity + 1) }, "+"),
          ),
          h("span", { class: "cart-price" }, formatMoney((Math.round(Number(line.price) * 100) * line.quantity) / 100)),
        ),
      ),
    ),
    h("p", { class: "total" }, "Total ", h("strong", {}, formatMoney(cart.total()))),
  );
  if (!elsewhere) {
    const place = h("button", { type: "button", class: "button primary", disabled: state.placing }, state.placing ? "Placing order…" : "Place order");
    place.addEventListener("click", () => state.place());
    panel.append(place, h("button", { type: "button", class: "link-button", onclick: () => cart.clear() }, "Empty cart"));
  }
  return panel;
}

export function restaurantPage(root, { id }) {
  replace(root, loading());
  const controller = new AbortController();
  let restaurant = null;
  const aside = h("div", { class: "cart-slot" });
  const state = {
    placing: false,
    // One key per checkout: a retried click or a lost answer returns the first order instead of placing a second.
    key: null,
    async place() {
      const contents = cart.contents;
      if (!contents || state.placing) return;
      state.placing = true;
      state.key = state.key || crypto.randomUUID();
      drawCart();
      try {
        const order = await api.post(
          "/food/orders/",
          { items: Object.entries(contents.items).map(([menu_id, line]) => ({ menu_id, quantity: line.quantity })) },
          { headers: { "Idempotency-Key": state.key } },
        );
        cart.clear();
        state.key = null;
        toast(`Order ${order.order_number} placed.`, "success");
        navigate(`/orders/${order.id}`);
      } catch (error) {
        if (error.name === "AbortError") return;
        if (error.status && error.status < 500) state.key = null;
        toast(error.detail, "error");
      } finally {
        state.placing = false;
        if (root.contains(aside)) drawCart();
      }
    },
  };
  const drawCart = () => restaurant && replace(aside, cartPanel(restaurant, state));
  const unsubscribe = cart.onChange(drawCart);

  const add = (item) => {
    if (!cart.add(restaurant, item)) {
      const other = cart.contents.restaurantName;
      toast(`Your cart held dishes from ${other}; it now starts over with ${restaurant.name}.`, "info");
      cart.add(restaurant, item, { replace: true });
    }
  };

  const load = async () => {
    replace(root, loading());
    try {
      const [found, menu] = await Promise.all([
        api.get(`/food/restaurants/${encodeURIComponent(id)}`, { signal: controller.signal }),
        api.get(`/food/menu/restaurants/${encodeURIComponent(id)}?limit=1000`, { signal: controller.signal }),
      ]);
      restaurant = found;
      document.title = `${restaurant.name} · Marquee`;
      const sections = new Map();
      for (const item of menu) {
        const name = item.food.category ? item.food.category.name : "Other";
        if (!sections.has(name)) sections.set(name, []);
        sections.get(name).push(item);
      }
      const names = [...sections.keys()].sort();
      replace(
        root,
        h("p", { class: "breadcrumb" }, h("a", { href: "#/food" }, "← All restaurants")),
        h("div", { class: "page-head" }, h("h1", {}, restaurant.name), h("p", { class: "muted" }, [restaurant.restaurant_type, restaurant.address].filter(Boolean).join(" · "))),
        h(
          "div",
          { class: "menu-layout" },
          h(
            "div",
            { class: "menu" },
            menu.length
              ? names.map((name) =>
                  h(
                    "section",
                    { class: "menu-section", "aria-label": name },
                    h("h2", {}, name),
                    h(
                      "ul",
                      { class: "menu-items" },
                      sections
                        .get(name)
                        .sort((a, b) => a.food.name.localeCompare(b.food.name))
                        .map((item) =>
                          h(
                            "li",
                            { class: "panel menu-item", dataset: { menuId: item.id } },
                            h(
                              "div",
                              {},
                              h("h3", {}, item.food.is_vegetarian ? h("span", { class: "veg", title: "Vegetarian" }, h("span", { class: "visually-hidden" }, "Vegetarian: ")) : null, item.food.name),
                              item.food.description ? h("p", { class: "muted small" }, item.food.description) : null,
                            ),
                            h(
                              "div",
                              { class: "menu-buy" },
                              h("span", { class: "price" }, formatMoney(item.price)),
                              h("button", { type: "button", class: "button", "aria-label": `Add ${item.food.name}`, onclick: () => add(item) }, "Add"),
                            ),
                          ),
                        ),
                    ),
                  ),
                )
              : empty("This restaurant has no dishes on its menu yet."),
          ),
          aside,
        ),
      );
      drawCart();
      focusHeading(root);
    } catch (error) {
      if (error.name !== "AbortError") replace(root, errorPanel(error, load));
    }
  };
  load();
  return () => {
    unsubscribe();
    controller.abort();
  };
}
