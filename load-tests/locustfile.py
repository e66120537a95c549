"""The seed's load profile: the home page, the item list and item creation, weighted 3:2:1.

Run through scripts/load-test.sh (which starts a local stack, or targets a deployed environment), or directly:
    locust -f load-tests/locustfile.py --host=https://api.example.com

LOAD_TEST_WAIT_MIN / LOAD_TEST_WAIT_MAX (seconds, default 1 and 5 as in the seed) set each user's think time;
0 and 0 turn the users into a closed-loop stress test.
"""
import os

from locust import HttpUser, between, task


def _seconds(name, default):
    value = os.environ.get(name, "")
    try:
        return float(value) if value else default
    except ValueError as error:
        raise SystemExit(f"{name} must be a number of seconds, got {value!r}") from error


class WebsiteUser(HttpUser):
    wait_time = between(_seconds("LOAD_TEST_WAIT_MIN", 1), _seconds("LOAD_TEST_WAIT_MAX", 5))

    @task(3)
    def view_homepage(self):
        self.client.get("/")

    @task(2)
    def view_api(self):
        self.client.get("/api/v1/items")

    @task(1)
    def create_item(self):
        self.client.post("/api/v1/items", json={"name": "Test Item", "description": "Load test"})
