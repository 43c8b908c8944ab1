import { api } from "../api.js";
import { h, replace, loading, loader, errorPanel, empty, toast, focusHeading } from "../dom.js";
import { capitalize, formatDateTime, formatMoney } from "../format.js";
import { live } from "../live.js";
import { confirmButton } from "./confirm.js";

const path = ["pending", "confirmed", "preparing", "ready", "delivered"];
const explain = {
  pending: "The restaurant has your order and will confirm it shortly.",
  confirmed: "The restaurant confirmed your order.",
  preparing: "The kitchen is preparing your order.",
  ready: "Your order is ready.",
  delivered: "Delivered. Enjoy!",
  cancelled: "This order was cancelled.",
  refunded: "This order was refunded.",
};
const cancellable = new Set(["pending", "confirmed"]);

const badge = (status) => h("span", { class: `badge status-${status}`, "data-order-status": status }, capitalize(status));

function liveNote() {
  const note = h("p", { class: "muted small live-note", "aria-live": "polite" });
  const show = () => {
    note.textContent = live.state === "on" ? "Status updates live." : live.state === "connecting" ? "Connecting to live updates…" : "Live updates are off; reconnecting…";
  };
  show();
  return { note, show };
}

export function ordersPage(root) {
  document.title = "My orders · Marquee";
  const list = h("div", {}, loading());
  const { note, show } = liveNote();
  replace(root, h("div", { class: "page-head" }, h("h1", {}, "My orders"), note), list);
  focusHeading(root);
  const controller = new AbortController();
  const row = (order) =>
    h(
      "li",
      { class: "panel order-row", dataset: { orderId: order.id } },
      h(
        "a",
        { href: `#/orders/${order.id}`, class: "order-link" },
        h("strong", {}, `Order ${order.order_number}`),
        h("span", { class: "muted small" }, `${formatDateTime(order.created_at)} · ${order.food_orders.reduce((n, l) => n + l.quantity, 0)} items · ${formatMoney(order.total_price)}`),
      ),
      badge(order.status),
    );
  const load = loader(
    list,
    controller.signal,
    (signal) => api.get("/food/orders/?limit=100", { signal }),
    (orders) =>
      orders.length
        ? replace(list, h("ul", { class: "stack" }, orders.map(row)))
        : replace(list, empty("You have not ordered anything yet.", h("a", { class: "button primary", href: "#/food" }, "Browse restaurants"))),
  );
  const off = live.on((message) => {
    if (message.type === "connection") {
      show();
      if (message.state === "on") load();
    } else if (message.type === "order.status") {
      const row = list.querySelector(`[data-order-id="${message.order_id}"]`);
      if (row) {
        row.querySelector(".badge").replaceWith(badge(message.status));
        toast(`${row.querySelector("strong").textContent}: ${message.status}`);
      }
      else load();
    }
  });
  load();
  return () => {
    off();
    controller.abort();
  };
}

function timeline(status) {
  const reached = path.indexOf(status);
  return h(
    "ol",
    { class: "timeline", "aria-label": "Order progress" },
    path.map((step, i) =>
      h(
        "li",
        { class: i < reached ? "done" : i === reached ? "current" : "", "aria-current": i === reached ? "step" : null },
        capitalize(step),
      ),
    ),
  );
}

export function orderPage(root, { id }) {
  replace(root, loading());
  const controller = new AbortController();
  let order = null;
  const { note, show } = liveNote();
  const statusSlot = h("div", { class: "order-status", "aria-live": "polite" });

  const drawStatus = () => {
    const cancel = async () => {
      try {
        order = await api.post(`/food/orders/${order.id}/cancel`, {});
        toast(`Order ${order.order_number} cancelled.`, "success");
        drawStatus();
      } catch (error) {
        toast(error.detail, "error");
      }
    };
    replace(
      statusSlot,
      h("p", { class: "status-line" }, badge(order.status), " ", explain[order.status] || ""),
      path.includes(order.status) ? timeline(order.status) : null,
      cancellable.has(order.status) ? confirmButton("Cancel order", "Cancel this order?", cancel, { confirmLabel: "Cancel order" }) : null,
    );
  };

  const load = async () => {
    try {
      order = await api.get(`/food/orders/${encodeURIComponent(id)}`, { signal: controller.signal });
      document.title = `Order ${order.order_number} · Marquee`;
      const first = !root.contains(statusSlot);
      if (first) {
        replace(
          root,
          h("p", { class: "breadcrumb" }, h("a", { href: "#/orders" }, "← My orders")),
          h("div", { class: "page-head" }, h("h1", {}, `Order ${order.order_number}`), h("p", { class: "muted" }, `Placed ${formatDateTime(order.created_at)}`), note),
          h(
            "div",
            { class: "order-layout" },
            h("section", { class: "panel" }, statusSlot),
            h(
              "section",
              { class: "panel", "aria-label": "Items" },
              h("h2", {}, "Items"),
              h(
                "table",
                { class: "lines" },
                h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Dish"), h("th", { scope: "col" }, "Qty"), h("th", { scope: "col" }, "Price"))),
                h(
                  "tbody",
                  {},
                  order.food_orders.map((line) =>
                    h("tr", {}, h("td", {}, line.name), h("td", {}, line.quantity), h("td", {}, formatMoney(line.line_total))),
                  ),
                ),
                h("tfoot", {}, h("tr", {}, h("th", { scope: "row", colspan: "2" }, "Total"), h("td", {}, formatMoney(order.total_price)))),
              ),
            ),
          ),
        );
        focusHeading(root);
      }
      drawStatus();
    } catch (error) {
      if (error.name !== "AbortError") replace(root, errorPanel(error, load));
    }
  };
  const off = live.on((message) => {
    if (message.type === "connection") {
      show();
      // Catch up on anything that happened while the socket was down.
      if (message.state === "on" && order) load();
    } else if (message.type === "order.status" && message.order_id === id && order) {
      order = { ...order, status: message.status };
      drawStatus();
      toast(`Order ${order.order_number}: ${message.status}`);
    }
  });
  load();
  return () => {
    off();
    controller.abort();
  };
}
