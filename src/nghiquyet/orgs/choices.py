from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnitKind(models.TextChoices):
    COUNTRY = "country", _("Cả nước")
    REGION = "region", _("Vùng")
    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
    PROVINCIAL_CITY = "provincial_city", _("Thành phố thuộc tỉnh")
    TOWN = "town", _("Thị xã")
    URBAN_DISTRICT = "urban_district", _("Quận")
    DISTRICT = "district", _("Huyện")
    WARD = "ward", _("Phường")
    COMMUNE = "commune", _("Xã")
    TOWNSHIP = "township", _("Thị trấn")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    PARTY_AGENCY = "party_agency", _("Cơ quan tham mưu của cấp ủy")
    MASS_ORGANISATION = "mass_organisation", _("Mặt trận, đoàn thể")
    OTHER = "other", _("Khác")


#: Kinds that are places (administrative units), as opposed to agencies.
TERRITORIAL_KINDS = frozenset(
    {
        OrgUnitKind.COUNTRY,
        OrgUnitKind.REGION,
        OrgUnitKind.PROVINCE,
        OrgUnitKind.PROVINCIAL_CITY,
        OrgUnitKind.TOWN,
        OrgUnitKind.URBAN_DISTRICT,
        OrgUnitKind.DISTRICT,
        OrgUnitKind.WARD,
        OrgUnitKind.COMMUNE,
        OrgUnitKind.TOWNSHIP,
        OrgUnitKind.SPECIAL_ZONE,
    }
)


class ChangeKind(models.TextChoices):
    """Kinds of dated change to the administrative map (sắp xếp đơn vị hành chính)."""

    ESTABLISH = "establish", _("Thành lập")
    MERGE = "merge", _("Sáp nhập, hợp nhất")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    MOVE = "move", _("Chuyển đơn vị cấp trên")
    DISSOLVE = "dissolve", _("Giải thể, kết thúc hoạt động")


#: The audit action codes this app writes, with their labels (registered when the app
#: is ready; see nghiquyet.audit.actions).
AUDIT_ACTIONS = {
    "orgunit.create": _("Tạo đơn vị"),
    "orgunit.rename": _("Đổi tên đơn vị"),
    "orgunit.move": _("Chuyển đơn vị sang đơn vị cấp trên khác"),
    "orgunit.merge": _("Sáp nhập đơn vị"),
    "orgunit.split": _("Chia tách đơn vị"),
    "orgunit.dissolve": _("Kết thúc hoạt động của đơn vị"),
    "orgunit.establish": _("Thành lập đơn vị"),
    "orgunit.shares_declare": _("Khai báo tỷ lệ chia tách"),
    "orgunit.alias_add": _("Thêm mã khác của đơn vị"),
    "orgunit.load": _("Nạp bản đồ hành chính từ gói dữ liệu"),
    # orgs.people: the one-time link an office sends (other people's codes are accounts')
    "user.password_link": _("Gửi liên kết đặt mật khẩu"),
}
