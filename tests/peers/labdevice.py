"""Classes a lab device server sends and pyroctl's side does not know: enums, a named tuple,
a dataclass, a class with __slots__, a device exception. Imported by pickle_peer.py and
fidelity_peer.py so that pickles name them as 'labdevice.X' (what a real server module does).
"""
import collections
import dataclasses
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Mode(enum.IntEnum):
    SLOW = 1
    FAST = 2


class Axis(enum.IntFlag):
    X = 1
    Y = 2


Point = collections.namedtuple("Point", "x y")


@dataclasses.dataclass
class Reading:
    channel: int
    value: float
    unit: str


class Slotted(object):
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class DeviceError(Exception):
    pass
