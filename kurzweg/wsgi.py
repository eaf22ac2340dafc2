import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kurzweg.settings")
application = get_wsgi_application()
# What is loaded by now (Django, the apps, their modules) stays for the life of the process:
# the garbage collector need not walk it again (see core/apps.py for the thresholds).
gc.freeze()
