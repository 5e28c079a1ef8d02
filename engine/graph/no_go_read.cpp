// Reading no-go polygons from any OGR source.
#include <ogr_geometry.h>

#include "graph/no_go.hpp"
#include "graph/ogr_util.hpp"
#include "util/error.hpp"

namespace erde {

std::vector<Geometry> read_polygons(const std::string& path) {
  GDALDatasetUniquePtr ds = ogr::open_vector(path);
  std::vector<Geometry> out;
  for (OGRLayer* layer : ds->GetLayers()) {
    ogr::TransformPtr t = ogr::to_wgs84(*layer, path);
    layer->ResetReading();
    for (const auto& feature : *layer) {
      const std::string where = path + " layer '" + layer->GetName() + "' feature " +
                                std::to_string(feature->GetFID());
      OGRGeometry* geom = feature->GetGeometryRef();
      if (!geom || geom->IsEmpty()) throw Error(where + " field 'geometry': empty geometry");
      auto type = wkbFlatten(geom->getGeometryType());
      if (type != wkbPolygon && type != wkbMultiPolygon)
        throw Error(where + " field 'geometry': no-go areas must be polygons, not " +
                    OGRGeometryTypeToName(geom->getGeometryType()));
      if (!ogr::transformable(*geom))
        throw Error(where + " field 'geometry': coordinates beyond 1e9 in the layer's CRS (is the CRS right?)");
      std::unique_ptr<OGRGeometry> copy(geom->clone());
      if (copy->transform(t.get()) != OGRERR_NONE)
        throw Error(where + " field 'geometry': cannot transform to WGS84");
      if (!copy->IsValid()) throw Error(where + " field 'geometry': invalid polygon");
      std::string wkb(static_cast<size_t>(copy->WkbSize()), '\0');
      copy->exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()), wkbVariantIso);
      out.push_back({std::move(wkb)});
    }
  }
  return out;
}

}  // namespace erde
