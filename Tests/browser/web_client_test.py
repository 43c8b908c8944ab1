"""The web client (web/) in a real headless Chromium, against the real services behind the nginx gateway.

Started by Tests/EndToEndTests/WebClientTests.swift, which brings up the services and the gateway, seeds the fixtures
and passes GATEWAY_URL, ADMIN_EMAIL and ADMIN_PASSWORD (and SCREENSHOT_DIR to keep screenshots of the main pages).
Every page is also checked with axe-core (Tests/browser/vendor/axe.min.js, pinned) in the light and the dark colour
scheme; any critical or serious WCAG 2.1 A/AA violation fails the run, and a per-page summary is printed at the end.
Run by hand against a running stack:  GATEWAY_URL=http://127.0.0.1:8080 ADMIN_EMAIL=... ADMIN_PASSWORD=... \
    python3 Tests/browser/web_client_test.py
"""

import http.cookiejar
import json
import os
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

GATEWAY = os.environ.get("GATEWAY_URL", "http://127.0.0.1:8080").rstrip("/")
ADMIN_EMAIL = os.environ.get("ADMIN_EMAIL", "ops-admin@example.com")
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "OpsAdmin#2024-Kolkata")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
PASSWORD = "correct horse battery"
AXE_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendor", "axe.min.js")
AXE_VERSION = "4.12.1"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# (page, scheme) -> {"critical": n, "serious": n, "moderate": n, "minor": n, "passes": n}, printed at the end.
AXE_SUMMARY = {}
# Chromium shows times in its own zone; the fixtures' showtimes are set in India.
os.environ.setdefault("TZ", "Asia/Kolkata")


class Api:
    """The services over HTTP with one session cookie, for setting the scene and checking what the browser did."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(GATEWAY + path, data=data, method=method, headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with self.opener.open(request, timeout=10) as response:
                text = response.read().decode()
                return response.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as error:
            text = error.read().decode()
            return error.code, (json.loads(text) if text else None)

    def login(self, email, password):
        status, body = self.call("POST", "/auth/login", {"email": email, "password": password})
        assert status == 200, (status, body)
        return body


_admin = None


def admin():
    """One staff session for the whole run: the auth service allows an account five sign-ins in five minutes."""
    global _admin
    if _admin is None:
        _admin = Api()
        _admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
    return _admin


def new_user(prefix):
    email = f"{prefix}-{uuid.uuid4().hex[:8]}@example.com"
    api = Api()
    status, body = api.call("POST", "/auth/", {"email": email, "name": prefix.capitalize() + " Tester", "password": PASSWORD})
    assert status == 201, (status, body)
    return email


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    return driver


class WebClientTest(unittest.TestCase):
    def setUp(self):
        self.drivers = []
        self.axe_failures = []

    def tearDown(self):
        for driver in self.drivers:
            driver.quit()

    # --- helpers -----------------------------------------------------------------------------------------------

    def open_browser(self, width=1280, height=900):
        driver = browser(width, height)
        self.drivers.append(driver)
        return driver

    def wait(self, driver, condition, timeout=10, message=""):
        try:
            return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: condition(d))
        except TimeoutException:
            self.fail(f"{message or 'condition'} not met within {timeout} s at {driver.current_url}; page: {driver.find_element(By.TAG_NAME, 'main').text[:600]}")

    def css(self, driver, selector):
        return driver.find_elements(By.CSS_SELECTOR, selector)

    def wait_css(self, driver, selector, timeout=10):
        return self.wait(driver, lambda d: (self.css(d, selector) or [None])[0], timeout, f"element {selector}")

    def login(self, driver, email, password=PASSWORD):
        driver.get(GATEWAY + "/#/login")
        self.wait_css(driver, "form.auth-form")
        driver.find_element(By.NAME, "email").send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(password, Keys.ENTER)
        self.wait(driver, lambda d: d.current_url.endswith("#/movies") and self.css(d, ".movie-card"), message="movies after login")

    def shot(self, driver, name):
        if SCREENSHOTS:
            os.makedirs(SCREENSHOTS, exist_ok=True)
            time.sleep(0.3)  # let toasts and focus rings settle
            driver.save_screenshot(os.path.join(SCREENSHOTS, f"{name}.png"))

    def axe(self, driver, page):
        """axe-core on the page as it is, in the light and then the dark scheme (emulated through the DevTools protocol);
        a critical or serious violation is noted (rule, help, first nodes) and fails the test at assert_axe_clean."""
        with open(AXE_FILE, encoding="utf-8") as file:
            source = file.read()
        failures = self.axe_failures
        try:
            for scheme in ("light", "dark"):
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
                time.sleep(0.15)  # let the style recalculate
                if not driver.execute_script("return !!window.axe"):
                    driver.execute_script(source)
                self.assertEqual(driver.execute_script("return axe.version"), AXE_VERSION)
                result = driver.execute_async_script(
                    """const done = arguments[arguments.length - 1];
                    axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
                      .then((r) => done({violations: r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.map((n) => n.target.join(" ") + " — " + (n.failureSummary || "").split("\\n").slice(1, 2).join(""))})),
                         passes: r.passes.length}))
                      .catch((e) => done({error: String(e)}));""",
                    AXE_TAGS,
                )
                self.assertNotIn("error", result, result.get("error"))
                counts = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
                for violation in result["violations"]:
                    counts[violation["impact"] or "minor"] += len(violation["nodes"])
                    if violation["impact"] in ("critical", "serious"):
                        failures.append(f"{page} ({scheme}) {violation['impact']} {violation['id']}: {violation['help']}; "
                                        f"{len(violation['nodes'])} nodes: " + "; ".join(violation["nodes"][:4]))
                AXE_SUMMARY[(page, scheme)] = {**counts, "rules passed": result["passes"]}
        finally:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": ""}]})

    def assert_axe_clean(self):
        if self.axe_failures:
            self.fail("axe-core: critical or serious accessibility violations:\n" + "\n".join(self.axe_failures))

    def assert_clean_console(self, driver, allowed=()):
        """No JavaScript error, warning or failed request, except answers the test provoked on purpose."""
        problems = []
        for entry in driver.get_log("browser"):
            if entry["level"] not in ("SEVERE", "WARNING"):
                continue
            if any(text in entry["message"] for text in allowed):
                continue
            problems.append(entry["message"])
        self.assertEqual(problems, [], "console errors")

    def a_showing(self):
        """An upcoming showing of a seeded movie with free seats, and its seat map."""
        api = admin()
        status, showings = api.call("GET", "/booking/showings/?limit=50")
        assert status == 200, showings
        for showing in showings:
            status, seat_map = api.call("GET", f"/booking/booking_seats/{showing['id']}/map")
            free = [entry for entry in seat_map if entry["state"] == "free"]
            if len(free) >= 4:
                return showing, free
        self.fail("no showing with free seats")

    def seat_state(self, driver, seat_id):
        # One script, not find-then-read: the map redraws itself every few seconds, which would stale a found element.
        return driver.execute_script(
            "const seat = document.querySelector(`[data-seat-id='${arguments[0]}']`); return seat ? seat.dataset.state : null;", seat_id)

    # --- tests -------------------------------------------------------------------------------------------------

    def test_sign_up_log_in_with_the_services_errors_and_log_out(self):
        driver = self.open_browser()
        driver.get(GATEWAY + "/")
        self.wait(driver, lambda d: "#/login" in d.current_url, message="redirect to log in")
        self.wait_css(driver, "form.auth-form")
        self.shot(driver, "login")
        driver.find_element(By.NAME, "email").send_keys("nobody@example.com")
        driver.find_element(By.NAME, "password").send_keys("wrong password", Keys.ENTER)
        error = self.wait(driver, lambda d: (lambda e: e if e.is_displayed() and e.text else None)(d.find_element(By.ID, "form-error")), message="login error")
        status, body = Api().call("POST", "/auth/login", {"email": "nobody@example.com", "password": "wrong password"})
        self.assertIn(status, (400, 401))
        self.assertEqual(error.text, body["detail"], "the service's own detail is shown")

        driver.find_element(By.LINK_TEXT, "Create an account").click()
        self.wait_css(driver, "input[name=name]")
        email = f"web-{uuid.uuid4().hex[:8]}@example.com"
        driver.find_element(By.NAME, "name").send_keys("Web Tester")
        driver.find_element(By.NAME, "email").send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(PASSWORD, Keys.ENTER)
        self.wait(driver, lambda d: d.current_url.endswith("#/movies"), message="signed up and in")
        self.assertEqual(self.wait_css(driver, "[data-user-name]").text, "Web Tester")

        # A reload keeps the session (the HTTP-only cookie), then log out.
        driver.refresh()
        self.wait_css(driver, ".movie-card")
        driver.find_element(By.CSS_SELECTOR, "[data-action=logout]").click()
        self.wait(driver, lambda d: "#/login" in d.current_url, message="back at log in")
        driver.get(GATEWAY + "/#/bookings")
        self.wait(driver, lambda d: "#/login?next=" in d.current_url, message="signed-out visitor sent to log in")

        # Signing up again with the same email shows the service's refusal.
        driver.find_element(By.LINK_TEXT, "Create an account").click()
        self.wait_css(driver, "input[name=name]")
        driver.find_element(By.NAME, "name").send_keys("Web Tester")
        driver.find_element(By.NAME, "email").send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(PASSWORD, Keys.ENTER)
        error = self.wait(driver, lambda d: (lambda e: e if e.is_displayed() and e.text else None)(d.find_element(By.ID, "form-error")), message="signup error")
        status, body = Api().call("POST", "/auth/", {"email": email, "name": "Again", "password": PASSWORD})
        self.assertEqual(error.text, body["detail"])

        # Logging in returns to the page that asked for it.
        driver.get(GATEWAY + "/#/login?next=%2Fbookings")
        self.wait_css(driver, "form.auth-form")
        driver.find_element(By.NAME, "email").send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(PASSWORD, Keys.ENTER)
        self.wait(driver, lambda d: d.current_url.endswith("#/bookings"), message="back to the page asked for")
        self.assert_clean_console(driver, allowed=("status of 401", "status of 409", "status of 400", "status of 422"))

    def test_movies_search_and_showings_by_theater_and_date(self):
        driver = self.open_browser()
        self.login(driver, new_user("browse"))
        titles = [e.text for e in self.css(driver, ".movie-title")]
        self.assertIn("The Dark Knight", titles)
        self.shot(driver, "movies")

        search = driver.find_element(By.ID, "movie-search")
        search.send_keys("dark knight", Keys.ENTER)
        self.wait(driver, lambda d: "q=dark%20knight" in d.current_url and self.css(d, ".movie-card"), message="search results")
        found = [e.text for e in self.css(driver, ".movie-title")]
        self.assertEqual(found[0], "The Dark Knight", found)

        self.css(driver, ".movie-card a")[0].click()
        self.wait_css(driver, ".theater-list .time")
        self.assertEqual(driver.find_element(By.TAG_NAME, "h1").text, "The Dark Knight")
        self.shot(driver, "movie")
        days = self.css(driver, ".chips .chip")
        self.assertGreaterEqual(len(days), 2, "showings on several days")
        days[1].click()
        self.wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".chips .chip:nth-child(2)").get_attribute("aria-pressed") == "true")
        options = driver.find_elements(By.CSS_SELECTOR, "#theater-filter option")
        self.assertGreaterEqual(len(options), 2)
        options[1].click()
        theater = options[1].text.split(",")[0]
        self.wait(driver, lambda d: all(h.text.startswith(theater) for h in self.css(d, ".theater-list h3")) or self.css(d, ".panel.empty"))
        times = self.css(driver, ".theater-list .time")
        if times:
            times[0].click()
            self.wait_css(driver, ".seat-grid .seat")
        self.assert_clean_console(driver)

    def test_two_sessions_compete_for_one_seat_and_exactly_one_books_it(self):
        showing, free = self.a_showing()
        ana, ben = self.open_browser(), self.open_browser()
        self.login(ana, new_user("ana"))
        self.login(ben, new_user("ben"))
        for driver in (ana, ben):
            driver.get(f"{GATEWAY}/#/showings/{showing['id']}")
            self.wait_css(driver, ".seat-grid .seat")
        contested, extra = free[0]["seat"], free[1]["seat"]
        for driver in (ana, ben):
            self.assertEqual(self.seat_state(driver, contested["id"]), "free")

        # Both click the same free seat at the same moment.
        barrier = threading.Barrier(2)
        script = f'document.querySelector(\'[data-seat-id="{contested["id"]}"]\').click()'

        def click(driver):
            barrier.wait()
            driver.execute_script(script)

        threads = [threading.Thread(target=click, args=(d,)) for d in (ana, ben)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for driver in (ana, ben):
            self.wait(driver, lambda d: self.seat_state(d, contested["id"]) in ("mine", "taken"), message="the race settled")
        states = {name: self.seat_state(d, contested["id"]) for name, d in (("ana", ana), ("ben", ben))}
        self.assertEqual(sorted(states.values()), ["mine", "taken"], states)
        winner, loser = (ana, ben) if states["ana"] == "mine" else (ben, ana)
        self.assertTrue(
            any("taken" in t.text for t in self.css(loser, ".toast")) or self.seat_state(loser, contested["id"]) == "taken",
            "the loser is told",
        )
        self.assertEqual(loser.execute_script(f'return document.querySelector(\'[data-seat-id="{contested["id"]}"]\').getAttribute("aria-disabled")'), "true")

        # The winner adds a second seat with the keyboard, then books both at the server's price.
        winner.execute_script("document.querySelector(`[data-seat-id='${arguments[0]}']`).focus()", extra["id"])
        webdriver.ActionChains(winner).send_keys(Keys.SPACE).perform()
        self.wait(winner, lambda d: self.seat_state(d, extra["id"]) == "mine", message="keyboard hold")
        expected = sum(float(e["price"]) for e in free if e["seat"]["id"] in (contested["id"], extra["id"]))
        total = winner.find_element(By.CSS_SELECTOR, "[data-total]")
        self.assertAlmostEqual(float(total.get_attribute("data-total")), expected)
        self.shot(winner, "seat-map")
        # Without touching anything, the loser's map shows the winner's second hold.
        self.wait(loser, lambda d: self.seat_state(d, extra["id"]) == "taken", timeout=8, message="loser's map refreshed by itself")

        book = winner.find_element(By.CSS_SELECTOR, ".seat-summary .button.primary")
        self.assertIn("Book 2 seats", book.text)
        book.click()
        self.wait(winner, lambda d: "#/bookings" in d.current_url and self.css(d, ".booking.highlight"), message="booking listed")
        card = winner.find_element(By.CSS_SELECTOR, ".booking.highlight")
        self.assertEqual(card.get_attribute("data-status"), "confirmed")
        self.assertIn(contested["seat_number"], card.text)
        self.shot(winner, "bookings")
        self.wait(loser, lambda d: self.seat_state(d, contested["id"]) == "booked", timeout=8, message="loser sees the seat booked")

        # Cancelling frees both seats on the other map by itself.
        booking_id = card.get_attribute("data-booking-id")
        card.find_element(By.CSS_SELECTOR, ".confirm .button").click()
        winner.find_element(By.CSS_SELECTOR, ".confirm .button.danger").click()
        self.wait(winner, lambda d: self.css(d, f'[data-booking-id="{booking_id}"][data-status="cancelled"]'), message="booking cancelled")
        self.wait(loser, lambda d: self.seat_state(d, contested["id"]) == "free", timeout=8, message="seat free again")
        self.assert_clean_console(winner)
        self.assert_clean_console(loser, allowed=("status of 409",))

    def test_food_order_and_its_status_changing_live(self):
        driver = self.open_browser()
        email = new_user("diner")
        self.login(driver, email)
        driver.find_element(By.CSS_SELECTOR, '[data-nav="food"]').click()
        self.wait_css(driver, ".restaurant-card")
        next(a for a in self.css(driver, ".restaurant-card a") if "Saravana Bhavan" in a.text).click()
        self.wait_css(driver, ".menu-item")
        add = {e.get_attribute("aria-label"): e for e in self.css(driver, ".menu-item button")}
        add["Add Masala Dosa"].click()
        add["Add Masala Dosa"].click()
        add["Add Filter Coffee"].click()
        self.wait(driver, lambda d: len(self.css(d, ".cart-lines li")) == 2, message="two cart lines")
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "[data-cart-count]").text, "3")
        self.shot(driver, "restaurant")
        driver.find_element(By.CSS_SELECTOR, ".cart .button.primary").click()
        self.wait(driver, lambda d: "#/orders/" in d.current_url and self.css(d, '[data-order-status="pending"]'), message="order page")
        self.wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-live-state]").get_attribute("data-live-state") == "on", message="live connection")
        order_id = driver.current_url.rsplit("/", 1)[1]

        staff = admin()
        status, order = staff.call("GET", f"/food/orders/{order_id}")
        self.assertEqual(status, 200, order)
        self.assertEqual([(l["name"], l["quantity"]) for l in order["food_orders"]], [("Masala Dosa", 2), ("Filter Coffee", 1)])
        for expected in ("confirmed", "preparing"):
            status, moved = staff.call("POST", f"/food/orders/{order_id}/advance")
            self.assertEqual(status, 200, moved)
            self.wait(driver, lambda d: self.css(d, f'.order-status [data-order-status="{expected}"]'), timeout=5, message=f"live {expected}")
        self.shot(driver, "order-live")

        driver.find_element(By.CSS_SELECTOR, '[data-nav="orders"]').click()
        row = self.wait_css(driver, f'[data-order-id="{order_id}"]')
        self.assertEqual(row.find_element(By.CSS_SELECTOR, ".badge").get_attribute("data-order-status"), "preparing")
        staff.call("POST", f"/food/orders/{order_id}/advance")
        self.wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, f'[data-order-id="{order_id}"] .badge').get_attribute("data-order-status") == "ready", timeout=5, message="list updates live")
        self.assert_clean_console(driver)

    def test_phone_sized_window_and_keyboard(self):
        showing, _ = self.a_showing()
        driver = self.open_browser(390, 844)
        self.login(driver, new_user("phone"))
        overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        self.assertLessEqual(driver.execute_script(overflow), 0, "movies page fits the width")
        toggle = driver.find_element(By.CSS_SELECTOR, ".menu-toggle")
        self.assertTrue(toggle.is_displayed())
        self.assertFalse(driver.find_element(By.CSS_SELECTOR, '[data-nav="food"]').is_displayed())
        # From the skip link (the first focusable element), Tab reaches the brand, then the menu button, which opens the
        # navigation with Enter.
        driver.execute_script("document.querySelector('.skip-link').focus()")
        self.assertTrue(driver.switch_to.active_element.is_displayed(), "the skip link shows when focused")
        webdriver.ActionChains(driver).send_keys(Keys.TAB).perform()
        self.assertEqual(driver.switch_to.active_element.get_attribute("class"), "brand")
        webdriver.ActionChains(driver).send_keys(Keys.TAB).perform()
        self.assertIn("menu-toggle", driver.switch_to.active_element.get_attribute("class"))
        webdriver.ActionChains(driver).send_keys(Keys.ENTER).perform()
        self.wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, '[data-nav="food"]').is_displayed(), message="menu opens")
        self.shot(driver, "phone-menu")
        driver.find_element(By.CSS_SELECTOR, '[data-nav="food"]').click()
        self.wait_css(driver, ".restaurant-card")
        self.assertLessEqual(driver.execute_script(overflow), 0, "food page fits the width")
        driver.get(f"{GATEWAY}/#/showings/{showing['id']}")
        self.wait_css(driver, ".seat-grid .seat")
        self.assertLessEqual(driver.execute_script(overflow), 0, "the seat map scrolls inside its panel, not the page")
        self.shot(driver, "phone-seat-map")
        self.assert_clean_console(driver)

    def active(self, driver):
        """What has the keyboard focus: its seat id (or class) and accessible name, read in one script."""
        return driver.execute_script(
            "const a = document.activeElement; return {seat: a.dataset.seatId || null, name: a.getAttribute('aria-label') || a.textContent, "
            "cls: a.className, tab: a.tabIndex};")

    def keys(self, driver, *keys):
        webdriver.ActionChains(driver).send_keys(*keys).perform()

    def test_keyboard_only_holds_two_seats_and_books_them(self):
        """No mouse and no script clicks: Tab into the seat map (one Tab stop), arrows to a free seat, Space and Enter to
        hold two, focus kept on the seat through the redraws and the 2.5 s refresh, Tab to Book (focus kept there across
        refreshes too), Enter to book; the hold and the booking are announced in live regions."""
        showing, free = self.a_showing()
        driver = self.open_browser()
        self.login(driver, new_user("keys"))
        driver.get(f"{GATEWAY}/#/showings/{showing['id']}")
        self.wait_css(driver, ".seat-grid .seat")
        grid = driver.find_element(By.CSS_SELECTOR, ".seat-grid")
        self.assertEqual(grid.get_attribute("role"), "grid")
        tab_stops = driver.execute_script("return [...document.querySelectorAll('.seat-grid [tabindex=\"0\"], .seat-grid button:not([tabindex])')].length")
        self.assertEqual(tab_stops, 1, "the seat map is one Tab stop")
        self.assertTrue(self.css(driver, '.seat-grid [role="row"] [role="gridcell"] .seat'))

        # Tab from the page's heading until the focus is in the grid: a few presses, not one per seat.
        presses = 0
        while not self.active(driver)["seat"]:
            self.keys(driver, Keys.TAB)
            presses += 1
            self.assertLess(presses, 15, "the seat map is reached by Tab")
        first = self.active(driver)
        self.assertRegex(first["name"], r"^Row \S+ seat \S+, (free|held by you|held by someone else|booked)")

        def state_of_active():
            return self.seat_state(driver, self.active(driver)["seat"])

        # Walk right (then down) to the next free seat, hold it with Space; then the next free one, with Enter.
        held = []
        for key in (Keys.SPACE, Keys.ENTER):
            steps = 0
            while state_of_active() != "free":
                self.keys(driver, Keys.ARROW_RIGHT)
                if state_of_active() != "free" and steps % 20 == 19:
                    self.keys(driver, Keys.ARROW_DOWN, Keys.HOME)
                steps += 1
                self.assertLess(steps, 200, "a free seat by arrow keys")
            seat = self.active(driver)["seat"]
            self.keys(driver, key)
            self.wait(driver, lambda d: self.seat_state(d, seat) == "mine", message=f"held by {key!r}")
            held.append(seat)
            self.assertEqual(self.active(driver)["seat"], seat, "focus stays on the seat after the redraw")
            self.assertIn("held by you", self.active(driver)["name"])
            self.wait(driver, lambda d: "Held Row" in d.find_element(By.CSS_SELECTOR, ".visually-hidden[role=status]").get_attribute("textContent"), message="hold announced")
            self.keys(driver, Keys.ARROW_RIGHT)
        self.keys(driver, Keys.ARROW_LEFT)
        self.assertEqual(self.active(driver)["seat"], held[1])
        # Home, End, Ctrl+Home and the rows by PageDown move within the grid.
        row_of = "return [...document.querySelectorAll('.seat-grid [role=row]')].findIndex((r) => r.contains(document.activeElement))"
        ends = "const seats = document.activeElement.closest('[role=row]').querySelectorAll('.seat'); return [seats[0].dataset.seatId, seats[seats.length - 1].dataset.seatId]"
        first_in_row, last_in_row = driver.execute_script(ends)
        self.keys(driver, Keys.HOME)
        self.assertEqual(self.active(driver)["seat"], first_in_row)
        self.keys(driver, Keys.END)
        self.assertEqual(self.active(driver)["seat"], last_in_row)
        webdriver.ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.HOME).key_up(Keys.CONTROL).perform()
        self.assertEqual(self.active(driver)["seat"], driver.execute_script("return document.querySelector('.seat-grid .seat').dataset.seatId"))
        self.keys(driver, Keys.PAGE_DOWN)
        self.assertEqual(driver.execute_script(row_of), 5, "PageDown moves five rows")
        self.keys(driver, Keys.ARROW_UP)
        self.assertEqual(driver.execute_script(row_of), 4)
        # Back to the second held seat, and it keeps the focus through two automatic refreshes.
        row, column = driver.execute_script(
            "const b = document.querySelector(`[data-seat-id='${arguments[0]}']`); const r = b.closest('[role=row]');"
            "return [[...document.querySelectorAll('.seat-grid [role=row]')].indexOf(r), [...r.querySelectorAll('.seat')].indexOf(b)]", held[1])
        self.keys(driver, *([Keys.ARROW_DOWN] * (row - 4) if row >= 4 else [Keys.ARROW_UP] * (4 - row)), Keys.HOME, *([Keys.ARROW_RIGHT] * column))
        time.sleep(5.5)
        self.assertEqual(self.active(driver)["seat"], held[1], "focus kept across the 2.5 s refresh")
        self.shot(driver, "seat-map-keyboard")
        self.axe(driver, "seat map (keyboard)")
        # The focus ring stays drawn in the dark scheme and in forced colours (high contrast), where shadows vanish.
        ring = "const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor];"
        for features, name in (([{"name": "prefers-color-scheme", "value": "dark"}], "seat-map-keyboard-dark"), ([{"name": "forced-colors", "value": "active"}], "seat-map-keyboard-forced-colors")):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})
            time.sleep(0.2)
            style, width, colour = driver.execute_script(ring)
            self.assertEqual(style, "solid", name)
            self.assertGreaterEqual(width, 3, name)
            self.assertNotIn(colour, ("transparent", "rgba(0, 0, 0, 0)"), name)
            self.shot(driver, name)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        self.assertEqual(self.active(driver)["seat"], held[1])

        # One Tab leaves the grid for the Book button, which keeps the focus across refreshes.
        self.keys(driver, Keys.TAB)
        self.assertIn("Book 2 seats", self.active(driver)["name"])
        time.sleep(5.5)
        self.assertIn("Book 2 seats", self.active(driver)["name"], "the Book button keeps the focus across refreshes")
        self.keys(driver, Keys.ENTER)
        self.wait(driver, lambda d: "#/bookings" in d.current_url and self.css(d, ".booking.highlight"), message="booked by keyboard")
        card = driver.find_element(By.CSS_SELECTOR, ".booking.highlight")
        self.assertEqual(card.get_attribute("data-status"), "confirmed")
        self.assertTrue(any("Booked" in t.get_attribute("textContent") for t in self.css(driver, ".toasts .toast")), "booking announced")
        self.assert_clean_console(driver)
        self.assert_axe_clean()

    def test_every_page_passes_axe_in_light_and_dark(self):
        """axe-core on each page of the client, in both colour schemes, with the states that draw the most: a held
        seat, a confirmed and a cancelled booking, a cart, a live order and a cancelled one, a form error."""
        showing, free = self.a_showing()
        driver = self.open_browser()
        driver.get(GATEWAY + "/#/login")
        self.wait_css(driver, "form.auth-form")
        driver.find_element(By.NAME, "email").send_keys("nobody@example.com")
        driver.find_element(By.NAME, "password").send_keys("wrong password", Keys.ENTER)
        self.wait(driver, lambda d: d.find_element(By.ID, "form-error").text, message="login error")
        self.axe(driver, "log in (error)")
        driver.find_element(By.LINK_TEXT, "Create an account").click()
        self.wait_css(driver, "input[name=name]")
        self.axe(driver, "sign up")

        email = new_user("axe")
        api = Api()
        api.login(email, PASSWORD)
        # A confirmed booking and a cancelled one, made through the API as the same user.
        made = []
        for entry in free[2:4]:
            status, body = api.call("POST", "/booking/booking_seats/lock", {"showing_id": showing["id"], "seat_id": entry["seat"]["id"], "lock_seat": True})
            self.assertIn(status, (200, 201), body)
            status, body = api.call("POST", "/booking/bookings/", {"showing_id": showing["id"], "seats_ids": [entry["seat"]["id"]], "total_price": float(entry["price"])})
            self.assertEqual(status, 201, body)
            made.append(body)
        status, body = api.call("POST", f"/booking/bookings/{made[1]['id']}/cancel", {})
        self.assertIn(status, (200, 204), body)

        self.login(driver, email)
        self.axe(driver, "movies")
        self.css(driver, ".movie-card a")[0].click()
        self.wait_css(driver, ".theater-list .time, .panel.empty")
        self.axe(driver, "movie")
        driver.get(f"{GATEWAY}/#/showings/{showing['id']}")
        self.wait_css(driver, ".seat-grid .seat")
        driver.execute_script("document.querySelector(`[data-seat-id='${arguments[0]}']`).click()", free[0]["seat"]["id"])
        self.wait(driver, lambda d: self.seat_state(d, free[0]["seat"]["id"]) == "mine", message="seat held")
        self.axe(driver, "seat map")
        driver.get(GATEWAY + "/#/bookings")
        self.wait_css(driver, '.booking[data-status="cancelled"]')
        self.axe(driver, "bookings")

        driver.get(GATEWAY + "/#/food")
        self.wait_css(driver, ".restaurant-card")
        self.axe(driver, "restaurants")
        next(a for a in self.css(driver, ".restaurant-card a") if "Saravana Bhavan" in a.text).click()
        self.wait_css(driver, ".menu-item")
        add = {e.get_attribute("aria-label"): e for e in self.css(driver, ".menu-item button")}
        add["Add Masala Dosa"].click()
        self.wait(driver, lambda d: len(self.css(d, ".cart-lines li")) == 1, message="cart line")
        self.axe(driver, "restaurant (cart)")
        driver.find_element(By.CSS_SELECTOR, ".cart .button.primary").click()
        self.wait(driver, lambda d: "#/orders/" in d.current_url and self.css(d, '[data-order-status="pending"]'), message="order page")
        order_id = driver.current_url.rsplit("/", 1)[1]
        staff = admin()
        for expected in ("confirmed", "preparing"):
            staff.call("POST", f"/food/orders/{order_id}/advance")
            self.wait(driver, lambda d: self.css(d, f'.order-status [data-order-status="{expected}"]'), timeout=5, message=f"live {expected}")
        self.axe(driver, "order (live)")
        # A second order, cancelled: the "Cancelled" badge on its page and in the list.
        driver.get(GATEWAY + "/#/food")
        self.wait_css(driver, ".restaurant-card")
        next(a for a in self.css(driver, ".restaurant-card a") if "Saravana Bhavan" in a.text).click()
        self.wait_css(driver, ".menu-item")
        next(e for e in self.css(driver, ".menu-item button") if e.get_attribute("aria-label") == "Add Filter Coffee").click()
        self.wait(driver, lambda d: len(self.css(d, ".cart-lines li")) == 1, message="cart line")
        driver.find_element(By.CSS_SELECTOR, ".cart .button.primary").click()
        self.wait(driver, lambda d: "#/orders/" in d.current_url and d.current_url.rsplit("/", 1)[1] != order_id and self.css(d, '[data-order-status="pending"]'), message="second order")
        driver.find_element(By.CSS_SELECTOR, ".confirm .button").click()
        driver.find_element(By.CSS_SELECTOR, ".confirm .button.danger").click()
        self.wait(driver, lambda d: self.css(d, '.status-line [data-order-status="cancelled"]'), message="order cancelled")
        self.axe(driver, "order (cancelled)")
        driver.find_element(By.CSS_SELECTOR, '[data-nav="orders"]').click()
        self.wait_css(driver, '.order-row [data-order-status="cancelled"]')
        self.axe(driver, "orders")
        driver.get(GATEWAY + "/#/nowhere")
        self.wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Page not found")
        self.axe(driver, "not found")
        self.assert_clean_console(driver, allowed=("status of 401", "status of 400"))
        self.assert_axe_clean()

    def test_unknown_pages_and_files(self):
        driver = self.open_browser()
        self.login(driver, new_user("lost"))
        driver.get(GATEWAY + "/#/nowhere")
        self.wait(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Page not found")
        driver.get(GATEWAY + "/#/movies/00000000-0000-0000-0000-000000000000")
        error = self.wait_css(driver, ".panel.error")
        self.assertTrue(error.text, "the service's 404 detail is shown")
        self.assertTrue(self.css(driver, ".panel.error button"), "with a way to try again")
        self.assert_clean_console(driver, allowed=("status of 404",))


def print_axe_summary():
    if not AXE_SUMMARY:
        return
    print(f"\naxe-core {AXE_VERSION} ({', '.join(AXE_TAGS)}), nodes in violation by impact:", file=sys.stderr)
    print(f"  {'page':<22}{'scheme':<8}{'critical':>9}{'serious':>9}{'moderate':>9}{'minor':>7}{'rules passed':>14}", file=sys.stderr)
    for (page, scheme), counts in AXE_SUMMARY.items():
        print(f"  {page:<22}{scheme:<8}{counts['critical']:>9}{counts['serious']:>9}{counts['moderate']:>9}{counts['minor']:>7}{counts['rules passed']:>14}", file=sys.stderr)


if __name__ == "__main__":
    program = unittest.main(verbosity=2, exit=False)
    print_axe_summary()
    sys.exit(not program.result.wasSuccessful())
