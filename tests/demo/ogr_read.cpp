#include "ogr_read.hpp"

#include <stdexcept>

namespace erde::demo_test {
namespace {

struct Closer {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

std::unique_ptr<GDALDataset, Closer> open(const std::filesystem::path& file) {
  GDALAllRegister();
  auto* ds = static_cast<GDALDataset*>(GDALOpenEx(file.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                  nullptr, nullptr, nullptr));
  if (!ds) throw std::runtime_error("cannot open " + file.string());
  return std::unique_ptr<GDALDataset, Closer>(ds);
}

std::string wkb_of(const OGRGeometry& g) {
  std::string out(g.WkbSize(), '\0');
  g.exportToWkb(wkbNDR, reinterpret_cast<unsigned char*>(out.data()), wkbVariantIso);
  return out;
}

}  // namespace

std::map<std::string, Layer> read_all(const std::filesystem::path& file) {
  auto ds = open(file);
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::map<std::string, Layer> out;
  for (OGRLayer* layer : ds->GetLayers()) {
    Layer& l = out[layer->GetName()];
    std::unique_ptr<OGRCoordinateTransformation> ct;
    if (const OGRSpatialReference* srs = layer->GetSpatialRef()) {
      const char* code = srs->GetAuthorityCode(nullptr);
      l.epsg = code ? std::stoi(code) : -1;
      OGRSpatialReference source(*srs);
      source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      ct.reset(OGRCreateCoordinateTransformation(&source, &wgs84));
    }
    layer->ResetReading();
    while (OGRFeature* f = layer->GetNextFeature()) {
      Feature feature;
      for (int i = 0; i < f->GetFieldCount(); ++i)
        if (f->IsFieldSetAndNotNull(i)) feature.fields[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
      if (OGRGeometry* g = f->GetGeometryRef()) {
        if (ct && g->transform(ct.get()) != OGRERR_NONE) throw std::runtime_error("transform failed");
        feature.wkb = wkb_of(*g);
      }
      l.features.push_back(std::move(feature));
      OGRFeature::DestroyFeature(f);
    }
  }
  return out;
}

std::string dump(const std::filesystem::path& file) {
  auto ds = open(file);
  std::string out;
  for (OGRLayer* layer : ds->GetLayers()) {
    out += "layer ";
    out += layer->GetName();
    out += "\n";
    layer->ResetReading();
    while (OGRFeature* f = layer->GetNextFeature()) {
      for (int i = 0; i < f->GetFieldCount(); ++i) {
        out += f->GetFieldDefnRef(i)->GetNameRef();
        out += "=";
        out += f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>";
        out += "|";
      }
      if (OGRGeometry* g = f->GetGeometryRef()) out += wkb_of(*g);
      out += "\n";
      OGRFeature::DestroyFeature(f);
    }
  }
  return out;
}

}  // namespace erde::demo_test
