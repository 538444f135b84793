import json
import subprocess
import sys

from lantern.conftest import REPO


def run(stdin: bytes, *options: str):
    result = subprocess.run(
        [sys.executable, "manage.py", "assess_risk", *options],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_each_input_line_gets_one_output_line_with_level_review_score_and_reasons():
    lines = [
        {"id": 1, "text": "i want to die tonight"},
        {"id": "b", "text": "killed it at work today"},
        {"id": "c", "text": "recaí anoche"},
    ]
    out = run("\n".join(json.dumps(x) for x in lines).encode() + b"\n")
    assert [o["id"] for o in out] == [1, "b", "c"]
    assert [o["level"] for o in out] == ["urgent", "none", "elevated"]
    assert [o["review"] for o in out] == [True, False, False]
    assert out[0]["score"] > 0.9 > 0.1 > out[1]["score"] >= 0
    assert out[0]["reasons"] == ["suicidal thoughts or intent: “want to die”"]
    assert out[1]["reasons"] == []


def test_bad_lines_get_an_error_line_and_the_rest_continue():
    stdin = b"\n".join(
        [
            b'{"id": 1, "text": "me quiero morir"}',
            b"not json at all",
            b'{"id": 2, "text": 42}',
            b"\xff\xfe broken bytes",
            b"[1, 2]",
            b"",
            b'{"id": 3, "text": "grateful for my home group"}',
        ]
    )
    out = run(stdin)
    assert 0.9 < out[0].pop("score") <= 1
    assert out[0] == {
        "id": 1,
        "level": "urgent",
        "review": True,
        "reasons": ["suicidal thoughts or intent: “me quiero morir”"],
    }
    assert out[1]["id"] is None and out[1]["line"] == 2 and "not JSON" in out[1]["error"]
    assert out[2]["id"] == 2 and "text" in out[2]["error"]
    assert out[3]["line"] == 4 and out[3]["error"] == "not valid UTF-8"
    assert out[4]["error"] == "expected a JSON object"
    assert 0 <= out[5].pop("score") < 0.1
    assert out[5] == {"id": 3, "level": "none", "review": False, "reasons": []}
    assert len(out) == 6


def test_the_context_is_one_of_the_safety_nets_contexts():
    out = run(b'{"id": 1, "text": "i want to die tonight"}\n', "--context", "chat")
    assert 0.9 < out[0].pop("score") <= 1
    assert out == [
        {
            "id": 1,
            "level": "urgent",
            "review": True,
            "reasons": ["suicidal thoughts or intent: “want to die”"],
        }
    ]
    result = subprocess.run(
        [sys.executable, "manage.py", "assess_risk", "--context", "meeting-report"],
        cwd=REPO,
        input=b'{"id": 1, "text": "hello"}\n',
        capture_output=True,
        timeout=60,
    )
    assert result.returncode != 0
    error = result.stderr.decode()
    assert "Unknown context 'meeting-report'" in error and "meeting_correction" in error
    assert result.stdout == b""  # nothing assessed under a context that does not exist
