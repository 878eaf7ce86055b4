"""The web app: pages for trainees and mentors, served beside the API by the same services,
the same scoping and the same translations. Pages work without JavaScript; a service worker
adds offline reading and a queue of progress for `/api/v1/sync`."""
