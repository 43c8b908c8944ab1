// Who is signed in. The token itself is an HTTP-only cookie the page never sees; the profile is kept in
// localStorage only as a hint, so a signed-out visitor is not greeted by a 401 on every load.
import { api } from "./api.js";

const key = "marquee.user";
let current = null;
const listeners = new Set();

function publish() {
  for (const listener of listeners) listener(current);
}

export const session = {
  get user() {
    return current;
  },

  onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  async restore() {
    if (!localStorage.getItem(key)) return null;
    try {
      const profile = await api.get("/auth/user_details", { quiet401: true });
      this.set(profile);
    } catch (error) {
      if (error.status === 401) this.clear();
      else current = JSON.parse(localStorage.getItem(key));
    }
    publish();
    return current;
  },

  async login(email, password) {
    const profile = await api.post("/auth/login", { email, password }, { quiet401: true });
    this.set({ id: profile.id, email: profile.email, name: profile.name, role: profile.role });
    publish();
    return current;
  },

  async signup(name, email, password) {
    await api.post("/auth/", { name, email, password });
    return this.login(email, password);
  },

  async logout() {
    try {
      await api.post("/auth/logout", {});
    } finally {
      this.clear();
      publish();
    }
  },

  set(profile) {
    current = profile;
    localStorage.setItem(key, JSON.stringify(profile));
  },

  clear() {
    current = null;
    localStorage.removeItem(key);
  },

  expired() {
    if (!current) return;
    this.clear();
    publish();
  },
};
