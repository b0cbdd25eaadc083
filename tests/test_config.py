from pathlib import Path

import pytest

from qa.config import Settings, load_settings
from qa.errors import ConfigError


def test_defaults(monkeypatch, tmp_path):
    for name in ("QA_SEEDS_DIR", "QA_INDEX_DIR", "OPENAI_API_KEY", "OPENAI_BASE_URL", "QA_PORT", "QA_HOST"):
        monkeypatch.delenv(name, raising=False)
    s = load_settings(tmp_path / "missing.env")
    assert s == Settings()
    assert s.seeds_dir == Path("seeds") and s.port == 7860 and s.host == "127.0.0.1"
    assert not s.llm_enabled


def test_env_file_is_read_and_environment_wins(monkeypatch, tmp_path):
    env = tmp_path / ".env"
    env.write_text("QA_SEEDS_DIR=articles\nQA_PORT=9000\nQA_LLM_TIMEOUT=3.5\nOPENAI_BASE_URL=http://127.0.0.1:1/v1\n")
    monkeypatch.setenv("QA_PORT", "9100")
    monkeypatch.delenv("QA_SEEDS_DIR", raising=False)
    s = load_settings(env)
    assert s.seeds_dir == Path("articles") and s.port == 9100 and s.llm_timeout == 3.5 and s.llm_enabled


@pytest.mark.parametrize("value", ["abc", "0", "-5"])
def test_bad_numbers_say_what_to_fix(monkeypatch, tmp_path, value):
    monkeypatch.setenv("QA_PORT", value)
    with pytest.raises(ConfigError, match="QA_PORT"):
        load_settings(tmp_path / "missing.env")


def test_overrides_ignore_unset_flags():
    s = Settings().with_overrides(seeds_dir="x", index_dir=None)
    assert s.seeds_dir == Path("x") and s.index_dir == Path("index")


def test_every_setting_is_documented_in_env_example():
    example = (Path(__file__).resolve().parents[1] / ".env.example").read_text()
    from dataclasses import fields

    for f in fields(Settings):
        assert f.metadata["env"] in example


def test_auth_is_user_and_password(monkeypatch, tmp_path):
    monkeypatch.setenv("QA_AUTH", "reader:s3cret:x")
    assert load_settings(tmp_path / "missing.env").credentials == ("reader", "s3cret:x")
    monkeypatch.setenv("QA_AUTH", "reader")
    with pytest.raises(ConfigError, match="QA_AUTH"):
        _ = load_settings(tmp_path / "missing.env").credentials
