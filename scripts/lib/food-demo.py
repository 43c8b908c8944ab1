"""Shows the food service doing its main job over HTTP, as the stack's first command does: log in as the stack's
admin, lay out a restaurant and its menu, place an order twice with one Idempotency-Key (one order results), move it
along, and show where the order lives. Usage: food-demo.py AUTH_URL FOOD_URL ADMIN_EMAIL ADMIN_PASSWORD_FILE"""
import json
import sys
import urllib.error
import urllib.request
import uuid

auth, food, email, password_file = sys.argv[1:5]
password = open(password_file).read().strip()


def call(method, url, body=None, cookie=None, headers=None):
    request = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if cookie:
        request.add_header("Cookie", cookie)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, json.loads(error.read() or b"null")


status, headers, _ = call("POST", f"{auth}/auth/login", {"email": email, "password": password})
assert status == 200, f"login failed: {status}"
cookie = headers["Set-Cookie"].split(";")[0]
suffix = uuid.uuid4().hex[:4]
_, _, category = call("POST", f"{food}/food/categories/", {"name": "Mains", "slug": f"mains-{suffix}"}, cookie)
_, _, restaurant = call("POST", f"{food}/food/restaurants/", {
    "name": f"Spice Route {suffix}", "description": "North Indian kitchen", "address": "12 MG Road, Pune",
    "restaurant_type": "indian", "image_url": "https://example.com/spice.png"}, cookie)
items = []
for name, price in [("Dal Makhani", 240.50), ("Butter Naan", 45.25)]:
    _, _, dish = call("POST", f"{food}/food/foods/", {
        "name": name, "description": name, "price": price, "image_url": "https://example.com/dish.png",
        "is_vegetarian": True, "category_id": category["id"]}, cookie)
    _, _, item = call("POST", f"{food}/food/menu/", {
        "restaurant_id": restaurant["id"], "food_id": dish["id"], "category_id": category["id"], "price": price}, cookie)
    items.append(item["id"])
order_body = {"items": [{"menu_id": items[0], "quantity": 2}, {"menu_id": items[1], "quantity": 4}]}
key = {"Idempotency-Key": f"demo-{suffix}"}
first_status, _, order = call("POST", f"{food}/food/orders/", order_body, cookie, key)
second_status, second_headers, again = call("POST", f"{food}/food/orders/", order_body, cookie, key)
print(f"POST /food/orders/ -> {first_status} order {order['order_number']} total {order['total_price']} ({order['status']})")
print(f"POST /food/orders/ again with the same Idempotency-Key -> {second_status}, same order: {again['id'] == order['id']}, "
      f"Idempotent-Replayed: {second_headers.get('Idempotent-Replayed')}")
for _ in range(2):
    _, _, moved = call("POST", f"{food}/food/orders/{order['id']}/advance", None, cookie)
    print(f"POST /food/orders/{order['order_number']}/advance -> {moved['status']}")
_, _, shards = call("GET", f"{food}/health/shards")
print(f"GET /health/shards -> {json.dumps(shards, sort_keys=True)}")
