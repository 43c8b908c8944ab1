import { setUnauthorizedHandler } from "./api.js";
import { cart } from "./cart.js";
import { toast } from "./dom.js";
import { live } from "./live.js";
import { currentPath, fallback, navigate, route, setGuard, start } from "./router.js";
import { session } from "./session.js";
import { loginPage, signupPage } from "./pages/auth.js";
import { moviesPage } from "./pages/movies.js";
import { moviePage } from "./pages/movie.js";
import { seatMapPage } from "./pages/seatmap.js";
import { bookingsPage } from "./pages/bookings.js";
import { restaurantsPage } from "./pages/restaurants.js";
import { restaurantPage } from "./pages/restaurant.js";
import { ordersPage, orderPage } from "./pages/orders.js";
import { notFoundPage } from "./pages/notfound.js";

route("/login", loginPage, { public: true });
route("/signup", signupPage, { public: true });
route("/movies", moviesPage);
route("/movies/:id", moviePage);
route("/showings/:id", seatMapPage);
route("/bookings", bookingsPage);
route("/food", restaurantsPage);
route("/food/:id", restaurantPage);
route("/orders", ordersPage);
route("/orders/:id", orderPage);
fallback(notFoundPage);

setGuard((found, path) => {
  if (path === "/" || path === "") return session.user ? "/movies" : "/login";
  if (found && !found.route.isPublic && !session.user) return `/login?next=${encodeURIComponent(path)}`;
  if (found && found.route.isPublic && session.user) return "/movies";
  return null;
});

setUnauthorizedHandler(() => {
  if (!session.user) return;
  session.expired();
  toast("Your session has ended. Log in again to go on.", "error");
  navigate(`/login?next=${encodeURIComponent(currentPath())}`);
});

function showAccount(user) {
  for (const element of document.querySelectorAll("[data-signed-in]")) element.hidden = !user;
  document.querySelector(".menu-toggle").hidden = !user;
  document.querySelector("[data-user-name]").textContent = user ? user.name : "";
  if (user) live.start();
  else live.stop();
}

function showCartCount() {
  const badge = document.querySelector("[data-cart-count]");
  const count = cart.count();
  badge.hidden = count === 0;
  badge.textContent = count;
  // Said after "Food" by screen readers (an aria-label is not allowed on a plain span).
  document.querySelector("[data-cart-text]").textContent = count ? `, ${count} in cart` : "";
}

function markCurrentNav(path) {
  const section = path.split("/")[1] === "showings" ? "movies" : path.split("/")[1];
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function wireHeader() {
  const toggle = document.querySelector(".menu-toggle");
  const nav = document.getElementById("nav");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  });
  window.addEventListener("routechange", (event) => {
    toggle.setAttribute("aria-expanded", "false");
    nav.classList.remove("open");
    markCurrentNav(event.detail.path);
  });
  document.querySelector("[data-action=logout]").addEventListener("click", async () => {
    try {
      await session.logout();
    } catch (error) {
      toast(error.detail || "Could not log out cleanly", "error");
    }
    navigate("/login");
  });
}

async function boot() {
  wireHeader();
  session.onChange(showAccount);
  cart.onChange(showCartCount);
  window.addEventListener("storage", showCartCount);
  await session.restore();
  showAccount(session.user);
  showCartCount();
  start();
}

boot();
