import { h } from "../dom.js";

// A two-step button: the first press asks, the second does it; Escape or "Keep" steps back. No modal alert, so the
// keyboard and the page stay usable.
export function confirmButton(label, question, action, { confirmLabel = "Yes", keepLabel = "Keep" } = {}) {
  const wrapper = h("div", { class: "confirm" });
  const start = h("button", { type: "button", class: "button danger-outline" }, label);
  const ask = () => {
    const yes = h("button", { type: "button", class: "button danger" }, confirmLabel);
    const no = h("button", { type: "button", class: "button" }, keepLabel);
    const onKey = (event) => event.key === "Escape" && back();
    const back = () => {
      wrapper.removeEventListener("keydown", onKey);
      wrapper.replaceChildren(start);
      start.focus();
    };
    no.addEventListener("click", back);
    wrapper.addEventListener("keydown", onKey);
    yes.addEventListener("click", async () => {
      yes.disabled = true;
      no.disabled = true;
      yes.textContent = "Working…";
      try {
        await action();
      } finally {
        if (wrapper.isConnected) back();
      }
    });
    wrapper.replaceChildren(h("span", { class: "question" }, question), yes, no);
    no.focus();
  };
  start.addEventListener("click", ask);
  wrapper.append(start);
  return wrapper;
}
