"""Redis pub/sub for the content generation.

Each worker process keeps a thread subscribed to a Redis channel; every new generation
(``core.fragments.replace_generation``) is published on it. A worker therefore knows the current generation
without asking Redis, and serves a page it has already seen from its own memory: no network
round trip on a cache hit. Messages arrive within milliseconds; the thread also re-reads the
generation every few seconds in case one was lost. While the subscription is down the worker
asks Redis on every request, as without push.
"""

import logging
import os
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

from core.fragments import GENERATION_KEY

logger = logging.getLogger(__name__)

CHANNEL = "neuropain:generation"
RESYNC_SECONDS = 5
RETRY_SECONDS = 1


def enabled():
    backend = settings.CACHES["default"]["BACKEND"]
    return settings.PAGE_CACHE_PUSH and backend == "django_redis.cache.RedisCache"


def publish(generation):
    """Tell every subscribed worker (on every host) about a new generation."""
    from django_redis import get_redis_connection

    get_redis_connection("default").publish(CHANNEL, generation)
    listener.heard(generation)


def on_generation_replaced(sender, generation, **kwargs):
    """Receiver of core.fragments.generation_replaced (connected by ServingConfig.ready)."""
    if enabled():
        publish(generation)


class GenerationListener:
    def __init__(self):
        self.generation = None
        self._pid = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    def current(self):
        """The pushed generation, or None while not subscribed (then ask Redis)."""
        if self._pid != os.getpid():
            self.start()
            return None
        return self.generation

    def heard(self, generation):
        if self.generation is not None:
            self.generation = generation

    def start(self):
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()  # after a fork the thread must be started again
            self.generation = None
            self._stopping.clear()
            thread = threading.Thread(target=self._run, name="page-cache-push", daemon=True)
            thread.start()

    def stop(self):
        self._stopping.set()
        self.generation = None
        self._pid = None

    def _run(self):
        from django_redis import get_redis_connection

        while not self._stopping.is_set():
            try:
                self._listen(get_redis_connection("default"))
            except Exception:  # noqa: BLE001 - any Redis trouble: fall back, retry
                logger.warning("Page cache push unavailable; retrying", exc_info=True)
            self.generation = None
            self._stopping.wait(RETRY_SECONDS)

    def _listen(self, client):
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(CHANNEL)
            while True:  # the subscription is confirmed before the generation is read
                message = pubsub.get_message(timeout=RESYNC_SECONDS)
                if message and message["type"] == "subscribe":
                    break
                if self._stopping.is_set():
                    return
            self.generation = self._read()
            while not self._stopping.is_set():
                message = pubsub.get_message(timeout=RESYNC_SECONDS)
                if message is None:
                    self.generation = self._read()
                elif message["type"] == "message":
                    self.generation = message["data"].decode()
        finally:
            pubsub.close()

    @staticmethod
    def _read():
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            raise ConnectionError("no generation in Redis")
        return generation


listener = GenerationListener()


class LocalPages:
    """This worker's copies of cached pages, most recently used kept."""

    def __init__(self):
        self._pages = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        return self._pages.get(key)

    def put(self, key, entry):
        with self._lock:
            self._pages[key] = entry
            self._pages.move_to_end(key)
            while len(self._pages) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                self._pages.popitem(last=False)

    def clear(self):
        with self._lock:
            self._pages.clear()


local_pages = LocalPages()
