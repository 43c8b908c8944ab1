#!/usr/bin/env python3
"""The users and the workload file of scripts/bench-mixed.

    bench-mixed-workload.py GATEWAY_URL STATE USERS REQUESTS

Signs USERS distinct users up and in through the gateway (the bench's auth service runs at BCRYPT_COST=4 without
login throttling), reads the seeded catalogue from the booking and food databases (psql, PG* from the environment),
and writes STATE/workload.jsonl for Benchmarks/LoadGenerator: one line per request variant, each from one user's
session. REQUESTS is how many requests the run will send (warm-up included); it sizes the booking variants, which
must not repeat (each books a seat no other variant books).

The mix (percent of requests): browsing 70 (movie list 15, theater list 10, showing list 20, seat maps 25), search
10, holds 5 and releases 5, bookings 5, food orders 5. Seats are split so that no answer is a conflict by design:
holds and releases use the seats of their own showings, each seat held by one user only (holding again extends
one's own hold, releasing a seat one does not hold changes nothing), and the releases follow the holds 50 variants
behind; bookings use the seats of other showings, each seat once. Also writes STATE/users.txt (user id per line).
"""
import concurrent.futures
import json
import random
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

gateway, state, users_count, requests_count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(15)
MIX = {"browse: movie list": 15, "browse: theater list": 10, "browse: showing list": 20, "browse: seat map": 25,
       "search": 10, "hold": 5, "release": 5, "booking": 5, "food order": 5}


def call(method, path, body=None, cookie=None):
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(gateway + path, method=method, headers=headers,
                                     data=json.dumps(body).encode() if body is not None else None)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, json.loads(response.read() or b"null")


def user(i):
    email, password = f"bench-user-{i}@example.com", f"mixed-bench-{i}-pw"
    try:
        call("POST", "/auth/", {"email": email, "name": f"Bench User {i}", "password": password})
    except urllib.error.HTTPError as error:
        if error.code != 409:  # already there from an earlier run on the same database
            raise
    _, headers, body = call("POST", "/auth/login", {"email": email, "password": password})
    cookie = next(c.split(";")[0] for c in headers.get_all("Set-Cookie") if c.startswith("access_token="))
    return body["id"], cookie


def psql(database, sql):
    out = subprocess.run(["psql", "-qAt", "-F", "\t", "-d", database, "-c", sql], check=True, capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


with concurrent.futures.ThreadPoolExecutor(16) as pool:
    users = list(pool.map(user, range(users_count)))
with open(f"{state}/users.txt", "w") as f:
    f.writelines(uid + "\n" for uid, _ in users)

movies = [r[0] for r in psql("booking_service", "SELECT id FROM movies ORDER BY id")]
titles = [r[0] for r in psql("booking_service", "SELECT title FROM movies ORDER BY id")]
genres = sorted({g.strip() for r in psql("booking_service", "SELECT genre FROM movies WHERE genre <> ''") for g in r[0].split(",")})
languages = [r[0] for r in psql("booking_service", "SELECT DISTINCT language FROM movies WHERE language <> '' ORDER BY 1")]
theaters = [r[0] for r in psql("booking_service", "SELECT id FROM theaters ORDER BY id")]
cities = [r[0] for r in psql("booking_service", "SELECT DISTINCT city FROM theaters ORDER BY 1")]
# Showings still open for the whole run (more than an hour left), in a fixed order, split three ways.
showings = [r[0] for r in psql("booking_service",
            "SELECT id FROM showings WHERE is_active AND expires_at > now() + interval '1 hour' ORDER BY show_start_datetime, id")]
rng.shuffle(showings)
hold_showings, booking_showings = showings[:40], showings[40:]


def seats_of(showing_ids):
    ids = ",".join(f"'{s}'" for s in showing_ids)
    return psql("booking_service", f"""SELECT s.id, se.id FROM showings s JOIN seats se ON se.theater_id = s.theater_id
                                      WHERE s.id IN ({ids}) ORDER BY s.id, se.id""")


menu = {}
for restaurant, item in psql("food_service", "SELECT restaurant_id, id FROM menu_items ORDER BY 1, 2"):
    menu.setdefault(restaurant, []).append(item)
kitchens = sorted(menu)

lines = []


def add(route, method, path, user_index, body=None, expect=(200,)):
    entry = {"route": route, "weight": MIX[route], "method": method, "path": path,
             "headers": {"Cookie": users[user_index % len(users)][1]}, "expect": list(expect)}
    if body is not None:
        entry["body"] = json.dumps(body, separators=(",", ":"))
        entry["headers"]["Content-Type"] = "application/json"
    lines.append(entry)


for i in range(200):
    choice = i % 4
    if choice == 0:
        path = f"/booking/movies/?limit=20&offset={20 * (i // 4 % 3)}"
    elif choice == 1:
        path = f"/booking/movies/?genre={urllib.parse.quote(genres[i % len(genres)])}"
    elif choice == 2:
        path = f"/booking/movies/?language={urllib.parse.quote(languages[i % len(languages)])}"
    else:
        path = "/booking/movies/"
    add("browse: movie list", "GET", path, i)
    add("browse: theater list", "GET",
        "/booking/theaters/" if i % 2 else f"/booking/theaters/?city={urllib.parse.quote(cities[i % len(cities)])}", i)
    showing_filter = [f"?movie_id={movies[i % len(movies)]}", f"?theater_id={theaters[i % len(theaters)]}", "", "?limit=20"][i % 4]
    add("browse: showing list", "GET", "/booking/showings/" + showing_filter, i)
    words = titles[i % len(titles)].split()
    add("search", "GET", "/booking/search/?query=" + urllib.parse.quote(words[i % len(words)] if i % 3 else cities[i % len(cities)]), i)
# seat maps of many showings, those with holds and bookings among them
for i, showing in enumerate(showings[:600]):
    add("browse: seat map", "GET", f"/booking/booking_seats/{showing}/map", i)

# holds: each seat of the hold showings belongs to one user; releases are the same (user, seat) 50 variants behind
hold_seats = seats_of(hold_showings)
rng.shuffle(hold_seats)
hold_seats = hold_seats[:4000]
for j, (showing, seat) in enumerate(hold_seats):
    add("hold", "POST", "/booking/booking_seats/lock", j, {"showing_id": showing, "seat_id": seat, "lock_seat": True}, (201,))
for j in range(len(hold_seats)):
    k = (j - 50) % len(hold_seats)
    showing, seat = hold_seats[k]
    add("release", "POST", "/booking/booking_seats/lock", k, {"showing_id": showing, "seat_id": seat, "lock_seat": False}, (201,))

# bookings: one seat each, never the same seat twice; 30% more than the run needs, so none repeats
needed = int(requests_count * MIX["booking"] / 100 * 1.3) + 100
booking_seats = seats_of(booking_showings)
if len(booking_seats) < needed:
    sys.exit(f"bench-mixed-workload: {len(booking_seats)} seats to book, {needed} needed (a shorter run or a lower rate)")
rng.shuffle(booking_seats)
for j, (showing, seat) in enumerate(booking_seats[:needed]):
    add("booking", "POST", "/booking/bookings/", j, {"showing_id": showing, "seats_ids": [seat]}, (201,))

# food orders: every user in turn, one or two dishes of one restaurant
for j in range(4 * len(users)):
    dishes = menu[kitchens[j % len(kitchens)]]
    a, b = dishes[j % len(dishes)], dishes[(j * 7 + 3) % len(dishes)]
    items = [{"menu_id": a, "quantity": 2}] if a == b else [{"menu_id": a, "quantity": 1}, {"menu_id": b, "quantity": 3}]
    add("food order", "POST", "/food/orders/", j, {"items": items}, (201,))

with open(f"{state}/workload.jsonl", "w") as f:
    for entry in lines:
        f.write(json.dumps(entry, separators=(",", ":")) + "\n")
counts = {}
for entry in lines:
    counts[entry["route"]] = counts.get(entry["route"], 0) + 1
print(f"workload: {len(users)} users; variants per route: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
