"""Querysets compiled to SQL once per process, then run with new arguments: the one place this
project reaches into Django's query compiler.

Building a queryset and compiling it to SQL costs Django more Python than running it: about
0.4 ms of the 0.9 an article's authors cost, and 0.7 of the 1.5 its page row costs, every
request, for SQL that only differs in an id. ``@prepared`` takes a function that builds a
queryset from its arguments, compiles it the first time it is called (per database connection
and per shape of arguments), and from then on substitutes the arguments into the compiled SQL
and turns the rows into what the queryset would have given: model instances (with their
``select_related`` objects and annotations), ``values_list`` tuples or flat values. The result
is a list; the query goes through ``connection.cursor()``, so query logging, budgets and the
database deadline see it as usual. On PostgreSQL, serving.database also prepares these
statements on the server (`is_prepared`), so PostgreSQL does not parse and plan them anew
either. Compiled queries are kept per connection and shape for the life of the process: a
handful per page type (a sequence's length is part of its shape).

Arguments are ints and strings, or lists and tuples of them (each length is its own shape).
To find where each goes, the function is called once with marker values; every marker must
reach the compiled parameters unchanged, or the call is refused (a value the query transforms,
such as a ``startswith`` pattern, cannot be substituted). Querysets that need more than one
query or state of their own (``prefetch_related``, related managers, ``iterator()``, named or
dict rows) are refused too: a ``TypeError`` on first use, so a test finds it.

Private names used (Django 5.2): ``Query.get_compiler``, the compiler's ``as_sql``, ``select``,
``klass_info``, ``annotation_col_map``, ``col_count``, ``has_extra_select``,
``get_converters``, ``apply_converters`` and ``has_composite_fields``, and
``django.db.models.query.get_related_populators``; `tests/core/test_prepared.py` holds the
results to the ORM's own for each kind of queryset used here.
"""

import functools
import itertools
import weakref

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

_STATEMENTS = set()  # the SQL of every compiled query, for `is_prepared`

INT_MARKER = 1_987_650_000  # within every integer column's range: out-of-range ids compile away
STR_MARKER = "\x1fprepared-argument-{}\x1f"


def is_prepared(sql):
    """Whether `sql` is a statement compiled here: run on every request with new arguments, so
    worth preparing on the database server too (serving.database does, on PostgreSQL)."""
    return sql in _STATEMENTS


def prepared(build):
    """Decorator: `build(*args)` returns a QuerySet; calling the result returns its rows as a
    list, compiling the queryset only the first time for each shape of arguments."""
    return PreparedQuery(build)


class PreparedQuery:
    def __init__(self, build):
        self.build = build
        self.model = None
        # Per connection object (one per thread and alias), so compilers never cross threads.
        self._compiled = weakref.WeakKeyDictionary()
        functools.update_wrapper(self, build)

    def __call__(self, *args):
        shape = tuple(_shape(arg) for arg in args)
        queryset = None
        if self.model is None:  # the first call: the model decides the database
            queryset = self._build(shape)
            self.model = queryset.model
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        compiled = self._compiled.setdefault(connection, {})
        entry = compiled.get(shape)
        if entry is None:
            queryset = queryset if queryset is not None else self._build(shape)
            entry = compiled[shape] = Compiled(queryset, alias, shape)
        return entry.run(connection, args)

    def _build(self, shape):
        queryset = self.build(*_markers(shape))
        if not isinstance(queryset, QuerySet):
            raise TypeError(f"{self.build.__qualname__} must return a QuerySet")
        return queryset


def _shape(arg):
    if isinstance(arg, (list, tuple)):
        if not all(isinstance(item, (int, str)) and not isinstance(item, bool) for item in arg):
            raise TypeError("a prepared query takes ints and strings, or sequences of them")
        return tuple(type(item) for item in arg)
    if isinstance(arg, (int, str)) and not isinstance(arg, bool):
        return type(arg)
    raise TypeError("a prepared query takes ints and strings, or sequences of them")


def _markers(shape):
    """One distinct marker value per argument (per item of a sequence), of the argument's type."""
    counter = itertools.count()

    def marker(kind):
        number = next(counter)
        return INT_MARKER + number if kind is int else STR_MARKER.format(number)

    return [
        [marker(kind) for kind in each] if isinstance(each, tuple) else marker(each)
        for each in shape
    ]


class Compiled:
    """A queryset's SQL, where each argument goes in its parameters, and how rows become what
    the queryset yields."""

    def __init__(self, queryset, alias, shape):
        if (
            queryset._prefetch_related_lookups
            or queryset._known_related_objects
            or queryset._hints
            or queryset._db not in (None, alias)
        ):
            raise TypeError(
                "a prepared query must be a plain queryset of its model's manager "
                "(no prefetch_related, related manager or using())"
            )
        self.iterable = queryset._iterable_class
        if self.iterable not in (ModelIterable, ValuesListIterable, FlatValuesListIterable):
            raise TypeError("a prepared query yields model instances or values_list rows")
        self.alias = alias
        compiler = queryset.query.get_compiler(using=alias)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            self.sql, params = "", ()
        self.params = list(params)
        if self.sql:
            _STATEMENTS.add(self.sql)
        self.slots = self._slots(shape) if self.sql else []
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise TypeError("a prepared query cannot select composite primary keys")
        self.col_count = compiler.col_count if compiler.has_extra_select else None
        self.converters = compiler.get_converters(fields)
        self.compiler = compiler
        if self.iterable is ModelIterable:
            self._model_rows(compiler)

    def _slots(self, shape):
        """[(parameter position, argument index, item index or None)] for every marker."""
        wanted = {}
        for index, (kind, marker) in enumerate(zip(shape, _markers(shape), strict=True)):
            if isinstance(kind, tuple):
                wanted.update({value: (index, item) for item, value in enumerate(marker)})
            else:
                wanted[marker] = (index, None)
        slots, seen = [], set()
        for position, value in enumerate(self.params):
            if isinstance(value, (int, str)) and value in wanted:
                slots.append((position, *wanted[value]))
                seen.add(value)
        if seen != set(wanted):
            raise TypeError(
                "an argument of a prepared query does not reach its SQL unchanged "
                "(a pattern, a cast or a value the query leaves out)"
            )
        return slots

    def _model_rows(self, compiler):
        klass_info, select = compiler.klass_info, compiler.select
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, self.alias)
        self.annotations = list(compiler.annotation_col_map.items())

    def run(self, connection, args):
        if not self.sql:
            return []
        params = list(self.params)
        for position, index, item in self.slots:
            params[position] = args[index] if item is None else args[index][item]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.col_count is not None:
            rows = [row[: self.col_count] for row in rows]
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.iterable is ValuesListIterable:
            return [tuple(row) for row in rows]
        return [self._instance(row) for row in rows]

    def _instance(self, row):
        obj = self.model.from_db(self.alias, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, obj)
        for name, position in self.annotations:
            setattr(obj, name, row[position])
        return obj
