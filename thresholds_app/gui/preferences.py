"""What the app remembers between sessions: the referrer's own details, rule sets, window layout.

Nothing about a child is ever stored here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from PySide6.QtCore import QSettings

MAX_RECENT = 6


@dataclass
class Preferences:
    name: str = ""
    role: str = ""
    agency: str = ""
    team: str = ""
    phone: str = ""
    email: str = ""
    ruleset: str = ""  # a bundled rule-set name or a path
    recent_rulesets: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        prefs = cls()
        for f in fields(cls):
            value = settings.value(f"referrer/{f.name}" if f.name not in ("ruleset", "recent_rulesets")
                                   else f"rulesets/{f.name}")
            if f.name == "recent_rulesets":
                prefs.recent_rulesets = [str(v) for v in (value if isinstance(value, list) else [value] if value
                                                          else [])][:MAX_RECENT]
            elif isinstance(value, str):
                setattr(prefs, f.name, value)
        return prefs

    def save(self, settings: QSettings) -> None:
        for f in fields(self):
            key = f"referrer/{f.name}" if f.name not in ("ruleset", "recent_rulesets") else f"rulesets/{f.name}"
            settings.setValue(key, getattr(self, f.name))
        settings.sync()

    def remember_ruleset(self, spec: str) -> None:
        self.ruleset = spec
        self.recent_rulesets = [spec, *(r for r in self.recent_rulesets if r != spec)][:MAX_RECENT]
