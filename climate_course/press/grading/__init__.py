"""The grader: ``./course grade SUBMISSIONS/ [--out FOLDER]``.

A class's notebooks are found (:mod:`.layouts`), each is executed in its own sandboxed kernel
(:mod:`.sandbox`, :mod:`.run`), its answer variables come back as JSON data (:mod:`.answers`) and are
scored in the grader's own process with the course's registered checks and the points the exercise
source gives (:mod:`.spec`, :mod:`.score`); :mod:`.report` writes grades.csv, the feedback pages, the
class report and the written answers for manual marking.
"""
