// The food service's WebSocket (/food/ws/ through the gateway): order events for the signed-in user, one connection
// shared by every page, reconnecting with backoff. Pages listen for events and for "open" (to catch up after a gap).

const listeners = new Set();
let socket = null;
let wanted = false;
let attempts = 0;
let timer = null;
let state = "off";

function setState(next) {
  state = next;
  for (const dot of document.querySelectorAll("[data-live-state]")) {
    dot.dataset.liveState = next;
    dot.title = `Live updates: ${next === "on" ? "connected" : next === "connecting" ? "connecting…" : "off"}`;
    const text = dot.querySelector("[data-live-text]");
    if (text) text.textContent = dot.title;
  }
  emit({ type: "connection", state: next });
}

function emit(message) {
  for (const listener of listeners) {
    try {
      listener(message);
    } catch (error) {
      console.warn("live listener failed", error);
    }
  }
}

function open() {
  clearTimeout(timer);
  if (!wanted || socket) return;
  setState("connecting");
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/food/ws/`;
  const ws = new WebSocket(url);
  socket = ws;
  ws.addEventListener("open", () => {
    attempts = 0;
    setState("on");
  });
  ws.addEventListener("message", (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      message = { type: "broadcast", text: String(event.data) };
    }
    emit(message);
  });
  ws.addEventListener("close", () => {
    if (socket === ws) socket = null;
    setState("off");
    if (wanted) {
      attempts += 1;
      const delay = Math.min(10000, 500 * 2 ** Math.min(attempts, 5)) * (0.75 + Math.random() / 2);
      timer = setTimeout(open, delay);
    }
  });
}

export const live = {
  get state() {
    return state;
  },
  start() {
    wanted = true;
    open();
  },
  stop() {
    wanted = false;
    clearTimeout(timer);
    if (socket) socket.close(1000, "signed out");
    socket = null;
    setState("off");
  },
  on(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
