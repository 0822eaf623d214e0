"""Error pages that need more than a static template."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.views import defaults

from peerlearning.logs import current_request_id


def bad_request(request, exception):
    """A form over the size limit gets a page that says what the limit is (413), not a bare
    "Bad Request (400)"; any other request Django cannot read gets templates/400.html."""
    if isinstance(exception, RequestDataTooBig):
        page = loader.render_to_string(
            "413.html", {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
        )
        return HttpResponse(page, status=413)
    return defaults.bad_request(request, exception)


def server_error(request):
    """templates/500.html with the request's id, which a council can quote (peerlearning/logs.py).

    Like Django's own, rendered without context processors: whatever failed may fail again."""
    page = loader.render_to_string("500.html", {"request_id": current_request_id()})
    return HttpResponse(page, status=500)
