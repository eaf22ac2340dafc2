"""Matching benchmark (issue 4): Kurzweg's matching engine against a trivial baseline and Splink,
on synthetic people with ground truth and on FEBRL4. Run `python -m bench.matching --help`.

The synthetic data reuses the demo's name generators (kurzweg.demo), which live in a Django app
package; Django is set up here with the project's settings (no database is touched)."""

from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kurzweg.settings")
django.setup()
