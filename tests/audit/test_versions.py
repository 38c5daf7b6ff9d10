"""The data version's table is folded without the version moving."""

import pytest
from django.db import connection

from nghiquyet.audit import versions
from nghiquyet.audit.models import DataVersion
from nghiquyet.audit.versions import data_version, data_version_bump, data_version_compact

pytestmark = pytest.mark.django_db


def test_folding_keeps_the_sum_and_leaves_one_row(monkeypatch):
    DataVersion.objects.bulk_create(
        [DataVersion(shard=s, counter=c) for s, c in [(11, 3), (12, 5), (13, 1), (0, 7)]]
    )
    before = data_version()
    rows = DataVersion.objects.exclude(shard=0).count()  # ours, and the set-up's writers'
    assert rows >= 3
    monkeypatch.setattr(versions, "COMPACT_BATCH", 2)  # several batches
    assert data_version_compact() == rows
    assert data_version() == before
    assert list(DataVersion.objects.values_list("shard", "counter")) == [(0, before)]
    assert data_version_compact() == 0


def test_a_connection_whose_row_was_folded_still_moves_the_version():
    data_version_bump()
    data_version_bump()
    shard = getattr(connection, versions._SHARD_ATTRIBUTE)
    before = data_version()
    data_version_compact()
    assert not DataVersion.objects.filter(shard=shard).exists()
    data_version_bump()
    assert data_version() == before + 1


def test_a_version_read_earlier_in_the_request_serves_until_the_connection_changes_something():
    with connection.cursor() as cursor:
        cursor.execute(versions.data_version_sql())
        read = versions.version_read(cursor.fetchone()[0])
    assert read.value == data_version()
    # Others' commits after the read are the next request's; nothing is asked meanwhile.
    DataVersion.objects.create(shard=424242, counter=5)
    assert data_version(read) == read.value
    assert data_version() == read.value + 5
    # After a change of its own the request reads the version again (it sees what it wrote).
    data_version_bump()
    assert data_version(read) == read.value + 6
