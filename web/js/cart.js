// The food cart: one restaurant's menu items with quantities, kept in localStorage so a reload keeps it.

const key = "marquee.cart";
const listeners = new Set();

function load() {
  try {
    return JSON.parse(localStorage.getItem(key)) || null;
  } catch {
    return null;
  }
}

function save(value) {
  if (value && Object.keys(value.items).length) localStorage.setItem(key, JSON.stringify(value));
  else localStorage.removeItem(key);
  for (const listener of listeners) listener(cart.contents);
}

export const cart = {
  get contents() {
    return load();
  },

  count() {
    const value = load();
    return value ? Object.values(value.items).reduce((sum, item) => sum + item.quantity, 0) : 0;
  },

  total() {
    const value = load();
    if (!value) return 0;
    // Cents, so the sum is exact; the server computes the real total.
    const cents = Object.values(value.items).reduce((sum, item) => sum + Math.round(Number(item.price) * 100) * item.quantity, 0);
    return cents / 100;
  },

  // Returns false when the cart holds another restaurant's items (the caller asks before replacing them).
  add(restaurant, menuItem, { replace = false } = {}) {
    let value = load();
    if (value && value.restaurantId !== restaurant.id) {
      if (!replace) return false;
      value = null;
    }
    value = value || { restaurantId: restaurant.id, restaurantName: restaurant.name, items: {} };
    const line = value.items[menuItem.id] || { name: menuItem.food.name, price: menuItem.price, quantity: 0 };
    line.quantity = Math.min(100, line.quantity + 1);
    value.items[menuItem.id] = line;
    save(value);
    return true;
  },

  setQuantity(menuId, quantity) {
    const value = load();
    if (!value || !value.items[menuId]) return;
    if (quantity <= 0) delete value.items[menuId];
    else value.items[menuId].quantity = Math.min(100, quantity);
    save(value);
  },

  clear() {
    save(null);
  },

  onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
