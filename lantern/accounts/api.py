from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    handle: str
    pronouns: str
    language: str
    time_zone: str
    pathways: list[str]
    roles: list[str]


@router.get("/me", response=MeOut, url_name="accounts-me")
def me(request):
    """The signed-in person's own profile."""
    user = request.auth
    return MeOut(
        handle=user.handle,
        pronouns=user.pronouns,
        language=user.language,
        time_zone=user.time_zone,
        pathways=user.pathways,
        roles=sorted(user.roles),
    )
