import { h, replace, focusHeading } from "../dom.js";
import { navigate } from "../router.js";
import { session } from "../session.js";

function field(label, attributes) {
  const id = `field-${attributes.name}`;
  return h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, ...attributes }));
}

function form({ title, intro, fields, submitLabel, busyLabel, footer, action, next }) {
  const message = h("p", { class: "form-error", role: "alert", hidden: true, id: "form-error" });
  const submit = h("button", { class: "button primary", type: "submit" }, submitLabel);
  const element = h("form", { class: "panel auth-form", novalidate: false, "aria-describedby": "form-error" }, ...fields, message, submit);
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.hidden = true;
    submit.disabled = true;
    submit.textContent = busyLabel;
    element.setAttribute("aria-busy", "true");
    try {
      await action(new FormData(element));
      navigate(next);
    } catch (error) {
      message.textContent = error.detail || error.message;
      message.hidden = false;
      submit.disabled = false;
      submit.textContent = submitLabel;
      element.removeAttribute("aria-busy");
      element.querySelector("input").focus();
    }
  });
  return h("section", { class: "auth" }, h("h1", {}, title), h("p", { class: "muted" }, intro), element, footer);
}

function nextPath(query) {
  const next = query.get("next");
  return next && next.startsWith("/") && !next.startsWith("/login") && !next.startsWith("/signup") ? next : "/movies";
}

export function loginPage(root, _params, query) {
  document.title = "Log in · Marquee";
  const next = nextPath(query);
  replace(
    root,
    form({
      title: "Log in",
      intro: "Book seats for tonight's show and order dinner to go with it.",
      fields: [
        field("Email", { name: "email", type: "email", autocomplete: "username", required: true }),
        field("Password", { name: "password", type: "password", autocomplete: "current-password", required: true }),
      ],
      submitLabel: "Log in",
      busyLabel: "Logging in…",
      action: (data) => session.login(data.get("email").trim(), data.get("password")),
      footer: h("p", {}, "New here? ", h("a", { href: `#/signup${next !== "/movies" ? `?next=${encodeURIComponent(next)}` : ""}` }, "Create an account")),
      next,
    }),
  );
  root.querySelector("input").focus();
}

export function signupPage(root, _params, query) {
  document.title = "Sign up · Marquee";
  const next = nextPath(query);
  replace(
    root,
    form({
      title: "Create an account",
      intro: "It takes a name, an email and a password of at least 8 characters.",
      fields: [
        field("Name", { name: "name", type: "text", autocomplete: "name", required: true, maxlength: 255 }),
        field("Email", { name: "email", type: "email", autocomplete: "email", required: true }),
        field("Password", { name: "password", type: "password", autocomplete: "new-password", required: true, minlength: 8 }),
      ],
      submitLabel: "Sign up",
      busyLabel: "Creating your account…",
      action: (data) => session.signup(data.get("name").trim(), data.get("email").trim(), data.get("password")),
      footer: h("p", {}, "Already have an account? ", h("a", { href: "#/login" }, "Log in")),
      next,
    }),
  );
  focusHeading(root);
  root.querySelector("input").focus();
}
