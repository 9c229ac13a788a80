"""The API gives "not_needed" for the first-contact and first-meeting clocks of a
declined Order Form or an ended agreement, from the one deadline annotation."""

from datetime import date

from waymark.agreements.enums import AgreementStatus, OrderFormStatus
from waymark.testing.factories import OrderFormFactory


def test_api_gives_not_needed_for_declined_and_ended(world, api_for):
    declined = OrderFormFactory(framework=world.framework_xa, status=OrderFormStatus.DECLINED, decline_reason="Full.")
    world.agreement_a.status = AgreementStatus.ENDED
    world.agreement_a.end_date = date(2026, 11, 20)
    world.agreement_a.save()
    api = api_for(world.manager_a)

    order_form = api.get(f"/api/v1/order-forms/{declined.public_id}/").json()
    agreement = api.get(f"/api/v1/agreements/{world.agreement_a.public_id}/").json()
    listed = api.get("/api/v1/order-forms/", {"status": "declined"}).json()

    assert order_form["first_contact_status"] == "not_needed"
    assert (agreement["first_contact_status"], agreement["first_meeting_status"]) == ("not_needed", "not_needed")
    assert [row["first_contact_status"] for row in listed["results"]] == ["not_needed"]
