// Money, dates and times as the browser's locale writes them.

const money = new Intl.NumberFormat(undefined, { style: "currency", currency: "INR" });
export const formatMoney = (amount) => money.format(Number(amount));

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const formatTime = (iso) => time.format(new Date(iso));
export const formatDay = (iso) => day.format(new Date(iso));
export const formatDateTime = (iso) => dateTime.format(new Date(iso));

// YYYY-MM-DD of an instant in the browser's time zone.
export function localDate(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const capitalize = (text) => (text ? text[0].toUpperCase() + text.slice(1) : text);

// A stable hue for a title, so a movie keeps its poster colour everywhere.
export function hue(text) {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  return hash % 360;
}
