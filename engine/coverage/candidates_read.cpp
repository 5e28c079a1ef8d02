#include "coverage/candidates_read.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>

#include "geo/vector_writer.hpp"
#include "util/error.hpp"

namespace erde {
namespace {

void read_layer(OGRLayer& layer, const std::string& source, int64_t default_capacity, std::vector<CandidateSite>& out) {
  const std::string where = source + ": layer '" + layer.GetName() + "'";
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const OGRSpatialReference* own = layer.GetSpatialRef();
  std::unique_ptr<OGRSpatialReference> srs;
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
  if (own) {
    srs.reset(own->Clone());
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    to_wgs84.reset(OGRCreateCoordinateTransformation(srs.get(), &wgs84));
    if (!to_wgs84) throw Error(where + ": cannot transform its CRS to WGS84");
  }
  const OGRFeatureDefn* defn = layer.GetLayerDefn();
  const int name_i = defn->GetFieldIndex("name"), id_i = defn->GetFieldIndex("id"), cap_i = defn->GetFieldIndex("capacity");
  layer.ResetReading();
  for (auto& f : layer) {
    const OGRGeometry* g = f->GetGeometryRef();
    const std::string label = "feature FID " + std::to_string(f->GetFID());
    if (!g || g->IsEmpty()) throw Error(where + ", " + label + ": no geometry");
    OGRPoint pt;
    if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
      pt = *g->toPoint();
    } else {
      if (g->Centroid(&pt) != OGRERR_NONE) throw Error(where + ", " + label + ": no centroid");
    }
    if (to_wgs84 && pt.transform(to_wgs84.get()) != OGRERR_NONE) throw Error(where + ", " + label + ": cannot transform");
    CandidateSite c;
    c.where = {pt.getX(), pt.getY()};
    if (name_i >= 0 && f->IsFieldSetAndNotNull(name_i)) c.name = f->GetFieldAsString(name_i);
    else if (id_i >= 0 && f->IsFieldSetAndNotNull(id_i)) c.name = f->GetFieldAsString(id_i);
    else c.name = std::string("#").append(std::to_string(out.size() + 1));
    c.capacity = default_capacity;
    if (cap_i >= 0 && f->IsFieldSetAndNotNull(cap_i)) {
      const GIntBig v = f->GetFieldAsInteger64(cap_i);
      if (v < 0) throw Error(where + ", " + label + ", field 'capacity': must be >= 0");
      if (v > 0) c.capacity = v;
    }
    out.push_back(std::move(c));
  }
}

}  // namespace

std::vector<CandidateSite> read_candidates(const std::string& source, const std::string& layer,
                                           int64_t default_capacity) {
  GDALAllRegister();
  DatasetPtr ds(
      static_cast<GDALDataset*>(GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!ds) throw Error(source + ": cannot open as a vector source");
  std::vector<CandidateSite> out;
  if (!layer.empty()) {
    OGRLayer* l = ds->GetLayerByName(layer.c_str());
    if (!l) throw Error(source + ": no layer '" + layer + "'");
    read_layer(*l, source, default_capacity, out);
  } else {
    for (OGRLayer* l : ds->GetLayers()) read_layer(*l, source, default_capacity, out);
  }
  if (out.empty()) {
    std::string where = source;
    if (!layer.empty()) where.append(": layer '").append(layer).append("'");
    throw Error(where + ": no candidate sites");
  }
  return out;
}

}  // namespace erde
