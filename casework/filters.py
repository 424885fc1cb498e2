"""The caseload list (/victims/): the victim's own filters (victims.filters) and those on what is
recorded above victims, each defined where its meaning is: an open accommodation stay
(services.selectors) and a care-plan review overdue (casework.selectors)."""

from django.utils.translation import gettext_lazy as _

from atip.filters import ConditionFilter
from casework.selectors import review_overdue_q
from services.selectors import open_stay_q
from victims.filters import VictimFilter


class CaseloadFilter(VictimFilter):
    open_stay = ConditionFilter(open_stay_q, label=_("Has an open stay"))
    review_overdue = ConditionFilter(review_overdue_q, label=_("Review overdue"))
