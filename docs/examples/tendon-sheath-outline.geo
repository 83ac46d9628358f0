// A tendon in its sheath (paratenon) from a cross-section outline, for Sinew's Gmsh reader
// (docs/gmsh.md). The outline is a list of points (y, z) in mm, counter-clockwise, e.g. traced
// from an ultrasound or MRI section; here an Achilles mid-portion-like section about
// 14.7 x 5 mm, fuller on the posterior (z > 0) side. The section is meshed as an O-grid (a
// structured core and a ring of four patches) and extruded along x into hexahedra.
//
// The tendon and the sheath share the outline (a conforming mesh: one set of nodes on their
// common surface). Sinew duplicates those nodes when it reads the model (the model's tissue
// body and bed share nodes) and builds the interface facet sets named in the model file on
// the two sides, so the script needs no physical group on the common surface.
//
//   gmsh -3 tendon-sheath-outline.geo -o tendon-sheath-outline.msh
//
// Physical groups (names as the tendon_sheath generator's): volumes tendon, sheath; surfaces
// tendon_distal (x = 0), tendon_proximal (x = L), sheath_distal, sheath_proximal,
// sheath_outer.
SetFactory("OpenCASCADE");
Mesh.MshFileVersion = 4.1;
Mesh.Binary = 0;

L = 40;          // mm, tendon length along x (x = 0 distal, x = L proximal)
t_sheath = 1.0;  // mm, sheath thickness along the outline's normal
core = 0.5;      // size of the core block relative to the outline (0 < core < 1)
n_side = 4;      // cells along each quarter of the outline (and each side of the core)
n_ring = 2;      // tendon cells from the core to the outline
n_sheath = 1;    // sheath cells through its thickness
n_axial = 10;    // cells along x

// The outline: 4 m points, counter-clockwise in the y-z plane. Points 0, m, 2m, 3m are the
// corners of the O-grid; each quarter between two corners becomes one spline.
ys[] = {5.2, 2.81, 0.0, -2.81, -5.2, -6.79, -7.35, -6.79, -5.2, -2.81, 0.0, 2.81, 5.2, 6.79, 7.35, 6.79};
zs[] = {1.91, 2.49, 2.7, 2.49, 1.91, 1.03, 0.0, -0.8, -1.47, -1.92, -2.08, -1.92, -1.47, -0.8, 0.0, 1.03};
N = #ys[];
m = N / 4;

// Centroid of the outline points: the core block is the corners scaled toward it.
yc = 0; zc = 0;
For i In {0:N-1}
  yc += ys[i] / N; zc += zs[i] / N;
EndFor

// Outward normals by central differences (counter-clockwise outline: normal = (dz, -dy)),
// for the sheath's outer outline.
For i In {0:N-1}
  ip = (i + 1) % N; im = (i + N - 1) % N;
  dy = ys[ip] - ys[im]; dz = zs[ip] - zs[im]; ln = Sqrt(dy * dy + dz * dz);
  ny[i] = dz / ln; nz[i] = -dy / ln;
EndFor

// ---- Tendon section ----
For i In {0:N-1}
  tp[i] = newp; Point(tp[i]) = {0, ys[i], zs[i]};
EndFor
For k In {0:3}
  kp[k] = newp;
  Point(kp[k]) = {0, yc + core * (ys[k * m] - yc), zc + core * (zs[k * m] - zc)};
EndFor
For k In {0:3}
  k1 = (k + 1) % 4;
  arc[k] = newc; Spline(arc[k]) = {tp[{k * m : k * m + m - 1}], tp[(k1 * m) % N]};
  edge[k] = newc; Line(edge[k]) = {kp[k], kp[k1]};
  spoke[k] = newc; Line(spoke[k]) = {kp[k], tp[k * m]};
EndFor
cl = newll; Curve Loop(cl) = {edge[0], edge[1], edge[2], edge[3]};
tsurf[0] = news; Plane Surface(tsurf[0]) = {cl};
For k In {0:3}
  k1 = (k + 1) % 4;
  cl = newll; Curve Loop(cl) = {edge[k], spoke[k1], -arc[k], -spoke[k]};
  tsurf[k + 1] = news; Plane Surface(tsurf[k + 1]) = {cl};
EndFor

// ---- Sheath section: on the tendon's own outline curves (shared nodes), out to the offset ----
For i In {0:N-1}
  op[i] = newp; Point(op[i]) = {0, ys[i] + t_sheath * ny[i], zs[i] + t_sheath * nz[i]};
EndFor
For k In {0:3}
  k1 = (k + 1) % 4;
  outer[k] = newc; Spline(outer[k]) = {op[{k * m : k * m + m - 1}], op[(k1 * m) % N]};
  radial[k] = newc; Line(radial[k]) = {tp[k * m], op[k * m]};
EndFor
For k In {0:3}
  k1 = (k + 1) % 4;
  cl = newll; Curve Loop(cl) = {arc[k], radial[k1], -outer[k], -radial[k]};
  ssurf[k] = news; Plane Surface(ssurf[k]) = {cl};
EndFor

Transfinite Curve{arc[], edge[], outer[]} = n_side + 1;
Transfinite Curve{spoke[]} = n_ring + 1;
Transfinite Curve{radial[]} = n_sheath + 1;
Transfinite Surface{tsurf[], ssurf[]};
Recombine Surface{tsurf[], ssurf[]};

// One Extrude for the whole section, so the faces the patches share (the tendon's internal
// faces and the outline between tendon and sheath) are extruded once and stay shared. Each
// quadrangular patch gives 6 entries: its top, its volume, its 4 lateral faces.
ex[] = Extrude {L, 0, 0} { Surface{tsurf[], ssurf[]}; Layers{n_axial}; Recombine; };
tv[] = {}; sv[] = {};
For i In {0:4}
  tv[] += {ex[6 * i + 1]};
EndFor
For i In {5:8}
  sv[] += {ex[6 * i + 1]};
EndFor

// ---- Physical groups, from the bodies' outer boundaries ----
// A face with no extent along x is an end (x = 0 distal, x = L proximal). The tendon's other
// boundary faces are the common surface; the sheath's side faces that are not on it are its
// outer surface.
eps = 1e-3 * L;
tb[] = CombinedBoundary{ Volume{tv[]}; };   // signed tags: orientation
sb[] = CombinedBoundary{ Volume{sv[]}; };
For i In {0:#tb[]-1}
  tb[i] = Fabs(tb[i]);
EndFor
For i In {0:#sb[]-1}
  sb[i] = Fabs(sb[i]);
EndFor
t_dist[] = {}; t_prox[] = {}; t_side[] = {};
For i In {0:#tb[]-1}
  bb[] = BoundingBox Surface{tb[i]};
  If (bb[3] - bb[0] < eps)
    If (bb[0] < eps)
      t_dist[] += {tb[i]};
    Else
      t_prox[] += {tb[i]};
    EndIf
  Else
    t_side[] += {tb[i]};
  EndIf
EndFor
s_dist[] = {}; s_prox[] = {}; s_outer[] = {};
For i In {0:#sb[]-1}
  bb[] = BoundingBox Surface{sb[i]};
  If (bb[3] - bb[0] < eps)
    If (bb[0] < eps)
      s_dist[] += {sb[i]};
    Else
      s_prox[] += {sb[i]};
    EndIf
  Else
    on_tendon = 0;
    For j In {0:#t_side[]-1}
      If (sb[i] == t_side[j])
        on_tendon = 1;
      EndIf
    EndFor
    If (!on_tendon)
      s_outer[] += {sb[i]};
    EndIf
  EndIf
EndFor

Physical Volume("tendon") = {tv[]};
Physical Volume("sheath") = {sv[]};
Physical Surface("tendon_distal") = {t_dist[]};
Physical Surface("tendon_proximal") = {t_prox[]};
Physical Surface("sheath_distal") = {s_dist[]};
Physical Surface("sheath_proximal") = {s_prox[]};
Physical Surface("sheath_outer") = {s_outer[]};
