"""The `kurzweg` console script: Django's manage.py under the product's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kurzweg.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # Django names commands after their files (import_persons); the documented spelling is
    # `kurzweg import-persons`, so both work.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
