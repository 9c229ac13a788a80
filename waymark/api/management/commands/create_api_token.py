"""``manage.py create_api_token USERNAME [--name NAME]``: print a new API token once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from waymark.api.services import api_token_create
from waymark.organisations.models import User


class Command(BaseCommand):
    help = "Create an API token for a user and print it once. Only its hash is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The user the token acts as.")
        parser.add_argument("--name", default="", help="What the token is for, e.g. the integration's name.")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        name: str = options["name"]
        if len(name) > 100:
            raise CommandError("The name can be at most 100 characters.")
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"There is no user with the username {username!r}.") from exc
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive: no token was created.")
        token, raw = api_token_create(user=user, name=name)
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token.prefix}… created for {user.username}. It is shown only once: store it now. "
            'Send it as the header "Authorization: Token <token>".'
        )
